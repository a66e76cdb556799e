package dev.ladder.progress.catalog;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.locking.EvaluationLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies catalog releases: keep the version, then re-evaluate everyone on that track against the newest one. */
@Service
public class CatalogReleases {

    private static final Logger log = LoggerFactory.getLogger(CatalogReleases.class);

    private final Inbox inbox;
    private final CatalogVersions versions;
    private final TrackReevaluation readiness;
    private final EvaluationLocks locks;

    public CatalogReleases(Inbox inbox, CatalogVersions versions, TrackReevaluation readiness,
                           EvaluationLocks locks) {
        this.locks = locks;
        this.inbox = inbox;
        this.versions = versions;
        this.readiness = readiness;
    }

    @Transactional
    public void apply(String eventId, CatalogVersionPublished event) {
        if (!inbox.firstDelivery(eventId, ProgressApplication.CONSUMER)) {
            log.debug("Catalog release {} already applied", eventId);
            return;
        }
        locks.catalogExclusive();
        if (!versions.store(event)) {
            log.info("Track {} version {} already stored; keeping the first copy", event.trackId(), event.version());
        }
        readiness.reevaluateTrack(event.trackId());
    }
}
