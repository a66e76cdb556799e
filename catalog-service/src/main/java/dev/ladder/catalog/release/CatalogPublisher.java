package dev.ladder.catalog.release;

import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackStore;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Publishes the current content of a track as its next version: snapshot row and CatalogVersionPublished outbox row
 * in the caller's transaction, so a version exists if and only if its event will be sent.
 */
@Service
public class CatalogPublisher {

    private static final Logger log = LoggerFactory.getLogger(CatalogPublisher.class);

    private final TrackStore tracks;
    private final CatalogVersions versions;
    private final Outbox outbox;
    private final Clock clock;

    public CatalogPublisher(TrackStore tracks, CatalogVersions versions, Outbox outbox, Clock clock) {
        this.tracks = tracks;
        this.versions = versions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * @param publishedBy the sign-in subject (token {@code sub}) of the admin publishing it, which the event carries
     *                    so the re-evaluation it causes can be reported back to them; null for the seed import
     */
    @Transactional
    public TrackRelease publish(String trackId, String publishedBy) {
        // the row lock serialises publishers of one track, so nextVersion() cannot hand out a number twice
        if (!tracks.lock(trackId)) {
            throw new IllegalArgumentException("unknown track '" + trackId + "'");
        }
        TrackContent content = tracks.load(trackId).orElseThrow();
        // PostgreSQL keeps microseconds; truncating keeps the snapshot, the row and the event identical
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        TrackRelease release = TrackRelease.of(content, versions.nextVersion(trackId), now);
        versions.insert(release);
        // a fresh ce_id: the (track, version) primary key already makes a second publication impossible, and a
        // derived id would repeat across databases (a reset devstack, test databases) for different publications
        outbox.append(Topics.CATALOG_RELEASES, trackId, CatalogEvents.published(release, publishedBy));
        log.info("Published track {} version {}", trackId, release.version());
        return release;
    }

    /**
     * The event that publishing {@code content} as the track's next version now would send; stores nothing. It is what
     * progress-service's impact preview evaluates, so the preview sees exactly the rules publication would send.
     */
    @Transactional(readOnly = true)
    public CatalogVersionPublished preview(String trackId, TrackContent content) {
        TrackContent ofTrack = new TrackContent(trackId, content.name(), content.summary(), content.levels(),
                content.certifications(), content.sections(), content.pathwayPosition(), content.demoteOnExpiry(),
                content.verification());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return CatalogEvents.published(TrackRelease.of(ofTrack, versions.nextVersion(trackId), now));
    }
}
