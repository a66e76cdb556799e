package dev.ladder.progress.ledger;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.ExperienceWithdrawn;
import dev.ladder.contracts.achievements.LevelPlaced;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.kit.messaging.EventBatches.Received;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.locking.EvaluationLocks;
import dev.ladder.progress.rules.RulesEngine;
import dev.ladder.kit.erasure.ErasedPerson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records achievements in the ledger with the day each takes effect and re-evaluates the employees concerned, once
 * per event (by ce_source and ce_id) however often it arrives: the ledger's unique event identity is the inbox of
 * this topic. A whole batch is one transaction: ledger entries, projection rows and milestones of all its events
 * commit together or not at all.
 */
@Service
public class Achievements {

    private static final Logger log = LoggerFactory.getLogger(Achievements.class);

    private final EvaluationLocks locks;
    private final Ledger ledger;
    private final LedgerReevaluation readiness;
    private final CatalogVersions catalogs;
    private final JdbcClient jdbc;

    public Achievements(EvaluationLocks locks, Ledger ledger, LedgerReevaluation readiness,
                        CatalogVersions catalogs, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.locks = locks;
        this.ledger = ledger;
        this.readiness = readiness;
        this.catalogs = catalogs;
    }

    /** Whether progress-service applies this record type (other types may share the public topic). */
    public static boolean applies(Object event) {
        return entry(null, event).isPresent();
    }

    /**
     * Applies the events in their order, each once: already applied ones (and repeats within the batch) are skipped.
     *
     * @throws IllegalArgumentException for a record type progress-service does not apply
     */
    @Transactional
    public void applyAll(List<Received<Object>> received) {
        List<NewEntry> entries = new ArrayList<>(received.size());
        for (Received<Object> r : received) {
            entries.add(entry(r.id(), r.event()).orElseThrow(() -> new IllegalArgumentException(
                    "Not an achievement: " + (r.event() == null ? "null" : r.event().getClass().getSimpleName()))));
        }
        // locked before appending: an employee's ledger sequence then follows commit order (see HistoryCache); and
        // before looking for erased people: an erasure holds the same lock, so it either committed before (and is
        // seen) or waits, and then deletes what this appends
        locks.employees(new TreeSet<>(entries.stream().map(NewEntry::employeeId).toList()));
        entries = withoutErased(entries);
        if (entries.isEmpty()) {
            return;
        }
        checkPlacements(entries);
        Map<String, List<LedgerEntry>> appended = ledger.appendNew(entries);
        if (!appended.isEmpty()) {
            readiness.reevaluateAppended(appended.keySet(), appended);
        }
    }

    @Transactional
    public void apply(EventId eventId, Object event) {
        applyAll(List.of(new Received<>(eventId, event)));
    }

    /**
     * An achievement of someone erased (GDPR Art. 17) is discarded, not dead-lettered: a dead letter would store
     * their id again. Logged without the id.
     */
    private List<NewEntry> withoutErased(List<NewEntry> entries) {
        Set<String> erased = ErasedPerson.erasedAmong(jdbc, entries.stream().map(NewEntry::employeeId).toList());
        if (erased.isEmpty()) {
            return entries;
        }
        List<NewEntry> kept = entries.stream().filter(e -> !erased.contains(e.employeeId())).toList();
        log.info("Discarded {} achievement(s) of erased people", entries.size() - kept.size());
        return kept;
    }

    /**
     * A placement must name a level the track has now (its newest version): otherwise the record is invalid and,
     * like any invalid record, not retried but dead-lettered (IllegalArgumentException). Placements are rare: one
     * look-up per track in the batch, none for other events.
     *
     * @throws IllegalArgumentException for a placement on a track without a published version or that level
     */
    private void checkPlacements(List<NewEntry> entries) {
        Map<String, Optional<RulesEngine>> tracks = null;
        for (NewEntry entry : entries) {
            if (entry.event() instanceof LevelPlaced p) {
                if (tracks == null) {
                    tracks = new HashMap<>();
                }
                boolean known = tracks.computeIfAbsent(p.trackId(), catalogs::rules)
                        .map(rules -> rules.levels().stream().anyMatch(level -> level.id().equals(p.levelId())))
                        .orElse(false);
                if (!known) {
                    throw new IllegalArgumentException("LevelPlaced " + p.placementId() + ": track '" + p.trackId()
                            + "' has no level '" + p.levelId() + "' in its newest published version");
                }
            }
        }
    }

    /** The ledger entry of an event: whose it is and the day it takes effect. */
    static Optional<NewEntry> entry(EventId eventId, Object event) {
        if (event instanceof CertificationRecorded e) {
            return Optional.of(new NewEntry(eventId, e.employeeId(), EventType.CERTIFICATION_RECORDED,
                    e.issuedOn(), e));
        } else if (event instanceof CertificationVerified e) {
            return Optional.of(new NewEntry(eventId, e.employeeId(), EventType.CERTIFICATION_VERIFIED,
                    day(e.verifiedAt()), e));
        } else if (event instanceof CertificationRejected e) {
            // kept with the day it was decided; the fold voids the certification on every date (never true)
            return Optional.of(new NewEntry(eventId, e.employeeId(), EventType.CERTIFICATION_REJECTED,
                    day(e.rejectedAt()), e));
        } else if (event instanceof CertificationRevoked e) {
            return Optional.of(new NewEntry(eventId, e.employeeId(), EventType.CERTIFICATION_REVOKED,
                    e.effectiveOn(), e));
        } else if (event instanceof SkillAssessed e) {
            return Optional.of(new NewEntry(eventId, e.employeeId(), EventType.SKILL_ASSESSED, e.assessedOn(), e));
        } else if (event instanceof ExperienceRecorded e) {
            return Optional.of(new NewEntry(eventId, e.employeeId(), EventType.EXPERIENCE_RECORDED,
                    e.startedOn(), e));
        } else if (event instanceof CertificationWithdrawn e) {
            // like a rejection: kept with the day it was decided, void on every date
            return Optional.of(new NewEntry(eventId, e.employeeId(), EventType.CERTIFICATION_WITHDRAWN,
                    day(e.withdrawnAt()), e));
        } else if (event instanceof ExperienceWithdrawn e) {
            return Optional.of(new NewEntry(eventId, e.employeeId(), EventType.EXPERIENCE_WITHDRAWN,
                    day(e.withdrawnAt()), e));
        } else if (event instanceof LevelPlaced e) {
            return Optional.of(new NewEntry(eventId, e.employeeId(), EventType.LEVEL_PLACED, e.effectiveOn(), e));
        }
        return Optional.empty();
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
