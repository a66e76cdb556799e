package dev.ladder.catalog.seed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Roadmaps imported on startup. A track that already exists is left alone, so edits made later by admins survive
 * restarts; the seed only ever creates.
 */
@ConfigurationProperties("ladder.catalog.seed")
public record SeedProperties(@DefaultValue("true") boolean enabled, List<Track> tracks) {

    public SeedProperties {
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }

    /** @param location a Spring resource location, e.g. classpath:roadmaps/ai-ml-security-specialist.md */
    public record Track(String id, String location) {
    }
}
