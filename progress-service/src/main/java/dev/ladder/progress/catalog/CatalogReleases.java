package dev.ladder.progress.catalog;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.progress.TrackReevaluated;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.kit.outbox.Outbox;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.locking.EvaluationLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Applies catalog releases: keep the version, then re-evaluate everyone on that track against the newest one. A
 * version stored for the first time is reported once ({@link TrackReevaluated}, in the same transaction): how many
 * people it re-evaluated and moved, for the admin who published it.
 */
@Service
public class CatalogReleases {

    private static final Logger log = LoggerFactory.getLogger(CatalogReleases.class);

    private final Inbox inbox;
    private final CatalogVersions versions;
    private final TrackReevaluation readiness;
    private final EvaluationLocks locks;
    private final Outbox outbox;
    private final Clock clock;

    public CatalogReleases(Inbox inbox, CatalogVersions versions, TrackReevaluation readiness,
                           EvaluationLocks locks, Outbox outbox, Clock clock) {
        this.locks = locks;
        this.inbox = inbox;
        this.versions = versions;
        this.readiness = readiness;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public void apply(EventId eventId, CatalogVersionPublished event) {
        if (!inbox.firstDelivery(eventId, ProgressApplication.CONSUMER)) {
            log.debug("Catalog release {} already applied", eventId);
            return;
        }
        locks.catalogExclusive();
        boolean stored = versions.store(event);
        if (!stored) {
            log.info("Track {} version {} already stored; keeping the first copy", event.trackId(), event.version());
        }
        TrackReevaluation.Outcome outcome = readiness.reevaluateTrack(event.trackId());
        if (stored) {
            // the deterministic id: even a second store of the version (it cannot happen) announces nothing new
            String id = TrackReevaluated.idOf(event.trackId(), event.version());
            outbox.append(id, Topics.MILESTONES, event.trackId(), new TrackReevaluated(id, event.trackId(),
                    event.trackName(), event.version(), outcome.evaluated(), outcome.advanced(), outcome.lowered(),
                    event.publishedBy(), clock.instant()));
        }
    }
}
