package dev.ladder.progress.readiness;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.progress.ProgressProperties;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.catalog.TrackReevaluation;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.EmployeeReevaluation;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.AchievementFold;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.ledger.LedgerEntry;
import dev.ladder.progress.ledger.LedgerReevaluation;
import dev.ladder.progress.locking.EvaluationLocks;
import dev.ladder.progress.milestone.MilestonePlanner;
import dev.ladder.progress.milestone.Milestones;
import dev.ladder.progress.readiness.ReadinessMeters.Trigger;
import dev.ladder.progress.rules.EmployeeState;
import dev.ladder.progress.rules.HeldCertification;
import dev.ladder.progress.rules.Progression;
import dev.ladder.progress.rules.RulesEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Re-evaluates employees against the newest catalog version of their track: advances levels, rewrites the
 * projection and announces the milestones reached — all inside the caller's transaction (the one holding the inbox
 * rows), so an event's effects commit together or not at all. Works on batches: a poll of achievements, a track
 * after a release or a rebuild costs a handful of statements per batch, not per employee. The catalog, employee and
 * ledger packages call it through the interfaces they declare (it reads them; they must not depend on it).
 */
@Service
public class ReadinessService implements TrackReevaluation, EmployeeReevaluation, LedgerReevaluation {

    private static final Logger log = LoggerFactory.getLogger(ReadinessService.class);
    /** Employees evaluated per statement batch when a whole track is re-evaluated. */
    static final int CHUNK = 500;
    /** Employees rebuilt per batch: their whole histories are in memory at once, bypassing the history cache. */
    static final int REBUILD_CHUNK = 100;

    private final EvaluationLocks locks;
    private final CatalogVersions catalogs;
    private final Employees employees;
    private final Ledger ledger;
    private final HistoryCache histories;
    private final ProgressProjection projection;
    private final Milestones milestones;
    private final ProgressProperties properties;
    private final ReadinessMeters meters;
    private final Clock clock;

    public ReadinessService(EvaluationLocks locks, CatalogVersions catalogs, Employees employees, Ledger ledger,
                            HistoryCache histories, ProgressProjection projection, Milestones milestones,
                            ProgressProperties properties, ReadinessMeters meters, Clock clock) {
        this.locks = locks;
        this.catalogs = catalogs;
        this.employees = employees;
        this.ledger = ledger;
        this.histories = histories;
        this.projection = projection;
        this.milestones = milestones;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** Everyone on the track; the caller holds the catalog lock exclusively, so no evaluation runs beside this one. */
    @Override
    public void forgetHistories() {
        histories.clear();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome reevaluateTrack(String trackId) {
        TreeSet<String> ids = new TreeSet<>(employees.idsOnTrack(trackId));
        if (trackId.equals(properties.defaultTrack())) {
            ids.addAll(ledger.employeesWithoutProfile());
        }
        Moves moves = new Moves();
        inChunks(ids, CHUNK, chunk -> evaluate(Trigger.TRACK, chunk, Map.of(), moves));
        log.info("Re-evaluated {} employee(s) on track {}: {} advanced, {} moved down", moves.evaluated, trackId,
                moves.advanced, moves.lowered);
        return new Outcome(moves.evaluated, moves.advanced, moves.lowered);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void reevaluate(String employeeId) {
        reevaluate(List.of(employeeId));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reevaluate(Collection<String> employeeIds) {
        // one evaluation per employee at a time: the catalog, employee and achievement listeners run concurrently
        locks.employees(employeeIds);
        evaluate(Trigger.EMPLOYEES, employeeIds, Map.of());
    }

    /**
     * For employees whose new ledger entries this transaction appended, under the locks the caller already took
     * (see {@link EvaluationLocks#employees}).
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reevaluateAppended(Collection<String> employeeIds, Map<String, List<LedgerEntry>> appended) {
        evaluate(Trigger.ACHIEVEMENTS, employeeIds, appended);
    }

    /**
     * Derives the projection rows of these employees from the ledger alone (rank 1, nothing stored before), and
     * announces nothing: milestones belong to the moment they happened, not to a rebuild. The caller holds the
     * catalog lock exclusively and has deleted the rows.
     *
     * @return how many employees were evaluated
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int rebuild(Collection<String> employeeIds) {
        int[] evaluated = {0};
        inChunks(employeeIds, REBUILD_CHUNK, chunk -> evaluated[0] += evaluate(Trigger.REBUILD, chunk, Map.of()));
        return evaluated[0];
    }

    private int evaluate(Trigger trigger, Collection<String> employeeIds, Map<String, List<LedgerEntry>> appended) {
        return evaluate(trigger, employeeIds, appended, null);
    }

    private int evaluate(Trigger trigger, Collection<String> employeeIds, Map<String, List<LedgerEntry>> appended,
                         Moves moves) {
        return meters.measure(trigger, () -> evaluate(employeeIds, appended, trigger == Trigger.REBUILD, moves));
    }

    /**
     * @param rebuilding from the ledger alone: histories are read, not cached, and nothing is announced
     * @param moves      where a track's re-evaluation counts who moved up or down a level (null: nobody counts)
     */
    private int evaluate(Collection<String> employeeIds, Map<String, List<LedgerEntry>> appended, boolean rebuilding,
                         Moves moves) {
        Map<String, Employee> staff = employees.findAll(employeeIds);
        Map<String, ProgressProjection.Previous> stored = projection.previous(employeeIds);
        Map<String, Long> sequences = new HashMap<>();
        stored.forEach((id, previous) -> sequences.put(id, previous.ledgerSequence()));
        Map<String, List<LedgerEntry>> history = rebuilding ? ledger.entries(employeeIds)
                : histories.histories(employeeIds, sequences, appended);
        Map<String, Optional<RulesEngine>> rulesOfTrack = new HashMap<>();
        LocalDate today = today();
        Instant now = clock.instant();
        List<ProgressProjection.Row> rows = new ArrayList<>();
        List<String> withoutCatalog = new ArrayList<>();
        List<MilestoneReached> reached = new ArrayList<>();
        for (String id : employeeIds) {
            Optional<Employee> employee = Optional.ofNullable(staff.get(id));
            String trackId = trackOf(employee);
            Optional<RulesEngine> rules = rulesOfTrack.computeIfAbsent(trackId, catalogs::rules);
            if (rules.isEmpty()) {
                // nothing to evaluate against yet; the catalog release will re-evaluate this employee
                withoutCatalog.add(id);
                continue;
            }
            // another track's rank means nothing here
            Optional<ProgressProjection.Previous> before = Optional.ofNullable(stored.get(id))
                    .filter(previous -> previous.trackId().equals(trackId));
            List<LedgerEntry> entries = history.getOrDefault(id, List.of());
            int version = rules.get().catalog().version();
            int heldRank = before.map(previous -> previous.heldRank(version)).orElse(1);
            Optional<LedgerReplay.Result> result = LedgerReplay.replay(rules.get(), entries,
                    employee.map(Employee::startDate).orElse(null), today, heldRank);
            if (result.isEmpty()) {
                log.warn("Track {} version {} has no levels; not evaluating {}", trackId,
                        rules.get().catalog().version(), id);
                continue;
            }
            Progression progression = result.get().progression();
            EmployeeState state = result.get().state();
            if (moves != null) {
                moves.count(before, progression);
            }
            rows.add(new ProgressProjection.Row(id, trackId, rules.get().catalog().version(),
                    LevelRef.of(progression.current()),
                    progression.next() == null ? null : LevelRef.of(progression.next().level()),
                    progression.readinessPercent(), progression.atRisk(), now, today,
                    HistoryCache.lastSequence(entries), state.skills(), lapsing(state.certifications(), today),
                    heldRank));
            reached.addAll(MilestonePlanner.plan(id, trackId,
                    before.map(ProgressProjection.Previous::nextLevelId).orElse(null),
                    before.map(ProgressProjection.Previous::readinessPercent).orElse(0), progression, now));
        }
        if (!withoutCatalog.isEmpty()) {
            projection.delete(withoutCatalog);
        }
        projection.saveAll(rows);
        if (!rebuilding) {
            List<MilestoneReached> announced = milestones.announce(reached);
            if (!announced.isEmpty() && log.isDebugEnabled()) {
                log.debug("Announced {}", announced.stream().map(MilestoneReached::milestoneId).toList());
            }
        }
        return rows.size();
    }

    /**
     * Per certification held on the day, the valid copy that lasts longest — if even that one lapses some day: a
     * certification renewed in time is not expiring. What a team dashboard needs, bounded by the catalog's
     * certifications however long the history.
     */
    public static List<HeldCertification> lapsing(List<HeldCertification> held, LocalDate day) {
        Map<String, HeldCertification> longest = new HashMap<>();
        Set<String> lasting = new HashSet<>();
        for (HeldCertification c : held) {
            if (!c.validOn(day)) {
                continue;
            }
            if (c.lapsesOn() == null) {
                lasting.add(c.certificationId());
            } else {
                longest.merge(c.certificationId(), c, (a, b) -> a.lapsesOn().isBefore(b.lapsesOn()) ? b : a);
            }
        }
        return longest.values().stream().filter(c -> !lasting.contains(c.certificationId()))
                .sorted(Comparator.comparing(HeldCertification::certificationId)).toList();
    }

    /**
     * The stored progress with its explanation, or — for someone this service has no events about yet — the
     * evaluation of what it knows (rank 1, nothing achieved) against the newest catalog of their track. Empty only
     * when no such catalog exists.
     */
    @Transactional(readOnly = true)
    public Optional<EmployeeProgress> progressOf(String employeeId) {
        Optional<ProgressProjection.Row> stored = projection.find(employeeId);
        if (stored.isPresent()) {
            return Optional.of(explain(stored.get()));
        }
        Optional<Employee> employee = employees.find(employeeId);
        String trackId = trackOf(employee);
        return catalogs.newest(trackId).flatMap(catalog ->
                replay(catalog, employeeId, employee, 1, today())
                        .map(p -> toProgress(employeeId, trackId, catalog.version(), p, clock.instant())));
    }

    /**
     * A stored row with its requirement-by-requirement explanation, derived as the evaluation that wrote the row
     * derived it: the same catalog version, the ledger up to the same entry, the same day and the level held.
     */
    private EmployeeProgress explain(ProgressProjection.Row row) {
        RulesEngine rules = catalogs.rules(row.trackId(), row.catalogVersion());
        List<LedgerEntry> history = ledger.entries(row.employeeId()).stream()
                .filter(entry -> entry.sequence() <= row.ledgerSequence()).toList();
        LocalDate startDate = employees.find(row.employeeId()).map(Employee::startDate).orElse(null);
        Progression explained = Progression.evaluate(rules, row.currentLevel().rank(),
                AchievementFold.stateOn(history, startDate, row.evaluatedOn(), rules.catalog().verificationPolicy()),
                row.evaluatedOn()).orElseThrow();
        return new EmployeeProgress(row.employeeId(), row.trackId(), row.catalogVersion(), row.currentLevel(),
                row.nextLevel(), row.readinessPercent(),
                explained.next() == null ? List.of() : explained.next().groups(), row.updatedAt(), row.atRisk());
    }

    /**
     * Where someone this service knows nothing about would stand on {@code day} (the default track, nothing
     * achieved): for a caller whose sign-in matches no employee. Empty only when no such catalog exists.
     */
    @Transactional(readOnly = true)
    public Optional<EmployeeProgress> blank(String callerId, LocalDate day) {
        String trackId = properties.defaultTrack();
        return catalogs.forDay(trackId, day).flatMap(catalog ->
                LedgerReplay.on(catalog, List.of(), null, day, 1)
                        .map(p -> toProgress(callerId, trackId, catalog.version(), p, clock.instant())));
    }

    public String trackOf(Optional<Employee> employee) {
        return employee.map(Employee::trackId).orElse(properties.defaultTrack());
    }

    /**
     * The rank an evaluation of this employee against {@code version} of {@code trackId} starts from: 1 for someone
     * new to the track, else see {@link ProgressProjection.Previous#heldRank}.
     */
    @Transactional(readOnly = true)
    public int heldRank(String employeeId, String trackId, int version) {
        return Optional.ofNullable(projection.previous(List.of(employeeId)).get(employeeId))
                .filter(previous -> previous.trackId().equals(trackId))
                .map(previous -> previous.heldRank(version)).orElse(1);
    }

    /** One employee's whole ledger replayed against any catalog (a draft, an older version) up to a day. */
    public Optional<Progression> replay(CatalogVersionPublished catalog, String employeeId, Optional<Employee> employee,
                                        int heldRank, LocalDate on) {
        return replay(new RulesEngine(catalog), employeeId, employee, heldRank, on);
    }

    public Optional<Progression> replay(RulesEngine rules, String employeeId, Optional<Employee> employee,
                                        int heldRank, LocalDate on) {
        return LedgerReplay.on(rules, ledger.entries(employeeId), employee.map(Employee::startDate).orElse(null),
                on, heldRank);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public static EmployeeProgress toProgress(String employeeId, String trackId, int version, Progression p,
                                              Instant at) {
        return new EmployeeProgress(employeeId, trackId, version, LevelRef.of(p.current()),
                p.next() == null ? null : LevelRef.of(p.next().level()), p.readinessPercent(),
                p.next() == null ? List.of() : p.next().groups(), at, p.atRisk());
    }

    /** Who a track's re-evaluation moved, against the projection stored before it. */
    private static final class Moves {
        int evaluated;
        int advanced;
        int lowered;

        void count(Optional<ProgressProjection.Previous> before, Progression now) {
            evaluated++;
            if (before.isEmpty()) {
                return; // first evaluated on this track: nothing to move from
            }
            int was = before.get().currentRank();
            int is = now.current().rank();
            if (is > was) {
                advanced++;
            } else if (is < was) {
                lowered++;
            }
        }
    }

    private static void inChunks(Collection<String> ids, int size, Consumer<List<String>> work) {
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += size) {
            work.accept(all.subList(from, Math.min(all.size(), from + size)));
        }
    }
}
