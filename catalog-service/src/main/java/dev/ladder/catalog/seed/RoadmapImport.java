package dev.ladder.catalog.seed;

import dev.ladder.catalog.audit.AuditLog;
import dev.ladder.catalog.release.CatalogPublisher;
import dev.ladder.catalog.release.TrackRelease;
import dev.ladder.catalog.roadmap.Roadmap;
import dev.ladder.catalog.track.TrackDocuments;
import dev.ladder.catalog.track.TrackStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/** Turns a parsed roadmap into a new track and publishes it as version 1 — all or nothing. */
@Service
public class RoadmapImport {

    private final TrackStore tracks;
    private final CatalogPublisher publisher;
    private final AuditLog audit;

    public RoadmapImport(TrackStore tracks, CatalogPublisher publisher, AuditLog audit) {
        this.tracks = tracks;
        this.publisher = publisher;
        this.audit = audit;
    }

    /**
     * One transaction: track rows, version-1 snapshot and the CatalogVersionPublished outbox row. If the track exists
     * (an earlier start, or another instance that won the race) nothing is written.
     *
     * @return the published release, empty when the track already existed
     */
    @Transactional
    public Optional<TrackRelease> importIfAbsent(Roadmap roadmap, String source) {
        if (!tracks.createIfAbsent(TrackDocuments.fromRoadmap(roadmap), source)) {
            return Optional.empty();
        }
        audit.record(roadmap.trackId(), AuditLog.Action.IMPORT, AuditLog.Actor.SYSTEM, 1, null, source);
        TrackRelease release = publisher.publish(roadmap.trackId(), null); // no admin published it
        audit.record(roadmap.trackId(), AuditLog.Action.PUBLISH, AuditLog.Actor.SYSTEM, 1, release.version(),
                "published version " + release.version());
        return Optional.of(release);
    }
}
