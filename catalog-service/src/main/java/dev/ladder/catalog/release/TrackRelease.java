package dev.ladder.catalog.release;

import dev.ladder.catalog.roadmap.DescriptiveSection;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.contracts.catalog.CatalogVersionPublished.VerificationPolicy;

import java.time.Instant;
import java.util.List;

/**
 * A published version of a track: its content frozen at {@code publishedAt}. This is what readers get. Fields added
 * after version 1 (sections, pathwayPosition, demoteOnExpiry, verification) tolerate being absent in old snapshots;
 * {@code verification} stays null in a version published before policies existed (it published none: every claim
 * counted).
 */
public record TrackRelease(String id, String name, String summary, int version, Instant publishedAt,
                           List<TrackContent.Level> levels, List<TrackContent.Certification> certifications,
                           List<DescriptiveSection> sections, int pathwayPosition, boolean demoteOnExpiry,
                           VerificationPolicy verification) {

    public TrackRelease {
        levels = levels == null ? List.of() : List.copyOf(levels);
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    static TrackRelease of(TrackContent content, int version, Instant publishedAt) {
        return new TrackRelease(content.id(), content.name(), content.summary(), version, publishedAt,
                content.levels(), content.certifications(), content.sections(), content.pathwayPosition(),
                content.demoteOnExpiry(), content.verification());
    }

    /** The content this version froze, e.g. to diff two versions or to start a draft from it. */
    public TrackContent content() {
        return new TrackContent(id, name, summary, levels, certifications, sections, pathwayPosition, demoteOnExpiry,
                verification);
    }

    /** The part of a release a track list shows. */
    public record Summary(String id, String name, int latestVersion, Instant publishedAt) {
    }
}
