package dev.ladder.catalog.release;

import dev.ladder.catalog.roadmap.Mojibake;
import dev.ladder.catalog.roadmap.Roadmap;
import dev.ladder.catalog.roadmap.RoadmapParser;
import dev.ladder.catalog.roadmap.Slugs;
import dev.ladder.catalog.track.TrackDocuments;
import dev.ladder.contracts.catalog.CatalogVersionPublished;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The CatalogVersionPublished event catalog-service publishes for a roadmap, computed without Spring or a database,
 * for the test fixtures of services that consume catalog releases. Parsing, rules, track document and event mapping
 * are the code the service itself runs (seed import and {@link CatalogPublisher}), so a fixture cannot drift from
 * what the service really sends.
 */
public final class SeedRelease {

    /**
     * Classpath resource (class-loader name) of the roadmap the service imports and publishes as version 1 on first
     * start; application.yml configures it as {@code classpath:} + this under {@code ladder.catalog.seed.tracks}.
     */
    public static final String SEED_RESOURCE = "roadmaps/ai-ml-security-specialist.md";

    /** The id application.yml gives the seed track (not the slug of its title, which would be longer). */
    public static final String SEED_TRACK_ID = "ai-ml-security-specialist";

    private SeedRelease() {
    }

    /** Version {@code version} of the seed track as the service publishes it, with its configured id. */
    public static CatalogVersionPublished seed(int version, Instant publishedAt) {
        return fromRoadmap(SEED_TRACK_ID, read(SEED_RESOURCE), version, publishedAt);
    }

    /**
     * The event for a roadmap imported through the API: its id is the slug of its title, as an admin's Markdown import
     * assigns it. For the seed roadmap that is not the seed's configured id; use {@link #seed} for that.
     */
    public static CatalogVersionPublished fromRoadmap(String markdown, int version, Instant publishedAt) {
        String text = Mojibake.repair(markdown);
        return fromRoadmap(Slugs.slug(RoadmapParser.title(text)), text, version, publishedAt);
    }

    /**
     * The event for a roadmap imported with the given id, as the seed import does: mis-decoded UTF-8 repaired, parsed,
     * rules v1 derived. {@code publishedAt} is used as given (the service truncates its clock to milliseconds).
     *
     * @throws dev.ladder.catalog.roadmap.RoadmapFormatException when the service would reject the document
     */
    public static CatalogVersionPublished fromRoadmap(String trackId, String markdown, int version,
                                                      Instant publishedAt) {
        Roadmap roadmap = RoadmapParser.parse(trackId, Mojibake.repair(markdown));
        return CatalogEvents.published(TrackRelease.of(TrackDocuments.fromRoadmap(roadmap), version, publishedAt));
    }

    private static String read(String resource) {
        try (InputStream in = SeedRelease.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed roadmap " + resource, e);
        }
    }
}
