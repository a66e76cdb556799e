package dev.ladder.catalog.release;

import dev.ladder.catalog.track.TrackContent;

import java.time.Instant;
import java.util.List;

/** A published version of a track: its content frozen at {@code publishedAt}. This is what readers get. */
public record TrackRelease(String id, String name, String summary, int version, Instant publishedAt,
                           List<TrackContent.Level> levels, List<TrackContent.Certification> certifications) {

    public TrackRelease {
        levels = List.copyOf(levels);
        certifications = List.copyOf(certifications);
    }

    static TrackRelease of(TrackContent content, int version, Instant publishedAt) {
        return new TrackRelease(content.id(), content.name(), content.summary(), version, publishedAt,
                content.levels(), content.certifications());
    }

    /** The part of a release a track list shows. */
    public record Summary(String id, String name, int latestVersion, Instant publishedAt) {
    }
}
