package dev.ladder.catalog.roadmap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The seed roadmap exactly as the service ships it (src/main/resources). */
public final class SeedRoadmap {

    public static final String TRACK_ID = "ai-ml-security-specialist";

    public static String markdown() {
        try (InputStream in = SeedRoadmap.class.getResourceAsStream("/roadmaps/" + TRACK_ID + ".md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Roadmap parsed() {
        return RoadmapParser.parse(TRACK_ID, markdown());
    }

    private SeedRoadmap() {
    }
}
