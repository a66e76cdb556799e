package dev.ladder.progress.readiness;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.progress.ProgressProperties;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.milestone.MilestonePlanner;
import dev.ladder.progress.milestone.Milestones;
import dev.ladder.progress.rules.Progression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Re-evaluates employees against the newest catalog version of their track: advances levels, rewrites the
 * projection and announces the milestones reached — all inside the caller's transaction (the one holding the inbox
 * row), so an event's effects commit together or not at all.
 */
@Service
public class ReadinessService {

    private static final Logger log = LoggerFactory.getLogger(ReadinessService.class);

    private final EvaluationLocks locks;
    private final CatalogVersions catalogs;
    private final Employees employees;
    private final Ledger ledger;
    private final ProgressProjection projection;
    private final Milestones milestones;
    private final ProgressProperties properties;
    private final Clock clock;

    public ReadinessService(EvaluationLocks locks, CatalogVersions catalogs, Employees employees, Ledger ledger,
                            ProgressProjection projection, Milestones milestones, ProgressProperties properties,
                            Clock clock) {
        this.locks = locks;
        this.catalogs = catalogs;
        this.employees = employees;
        this.ledger = ledger;
        this.projection = projection;
        this.milestones = milestones;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void reevaluateTrack(String trackId) {
        // sorted, so concurrent re-evaluations take the per-employee locks in the same order
        TreeSet<String> ids = new TreeSet<>(employees.idsOnTrack(trackId));
        if (trackId.equals(properties.defaultTrack())) {
            ids.addAll(ledger.employeesWithoutProfile());
        }
        ids.forEach(this::reevaluate);
        log.info("Re-evaluated {} employee(s) on track {}", ids.size(), trackId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void reevaluate(String employeeId) {
        // one evaluation per employee at a time: the catalog, employee and achievement listeners run concurrently
        locks.employee(employeeId);
        Optional<Employee> employee = employees.find(employeeId);
        String trackId = trackOf(employee);
        Optional<CatalogVersionPublished> catalog = catalogs.newest(trackId);
        if (catalog.isEmpty()) {
            // nothing to evaluate against yet; the catalog release will re-evaluate this employee
            projection.delete(employeeId);
            return;
        }
        Optional<EmployeeProgress> before = projection.find(employeeId)
                .filter(stored -> stored.trackId().equals(trackId)); // another track's rank means nothing here
        int heldRank = before.map(p -> p.currentLevel().rank()).orElse(1);
        Optional<Progression> progression = replay(catalog.get(), employeeId, employee, heldRank, today());
        if (progression.isEmpty()) {
            log.warn("Track {} version {} has no levels; not evaluating {}", trackId, catalog.get().version(),
                    employeeId);
            return;
        }
        Instant now = clock.instant();
        EmployeeProgress after = toProgress(employeeId, trackId, catalog.get().version(), progression.get(), now);
        projection.save(after);
        List<MilestoneReached> reached = MilestonePlanner.plan(employeeId, trackId,
                before.map(p -> p.nextLevel() == null ? null : p.nextLevel().id()).orElse(null),
                before.map(EmployeeProgress::readinessPercent).orElse(0), progression.get(), now);
        List<MilestoneReached> announced = milestones.announce(reached);
        if (!announced.isEmpty()) {
            log.info("{} reached {}", employeeId, announced.stream().map(MilestoneReached::milestoneId).toList());
        }
    }

    /**
     * The stored progress, or — for someone this service has no events about yet — the evaluation of what it knows
     * (rank 1, nothing achieved) against the newest catalog of their track. Empty only when no such catalog exists.
     */
    @Transactional(readOnly = true)
    public Optional<EmployeeProgress> progressOf(String employeeId) {
        Optional<EmployeeProgress> stored = projection.find(employeeId);
        if (stored.isPresent()) {
            return stored;
        }
        Optional<Employee> employee = employees.find(employeeId);
        String trackId = trackOf(employee);
        return catalogs.newest(trackId).flatMap(catalog ->
                replay(catalog, employeeId, employee, 1, today())
                        .map(p -> toProgress(employeeId, trackId, catalog.version(), p, clock.instant())));
    }

    public String trackOf(Optional<Employee> employee) {
        return employee.map(Employee::trackId).orElse(properties.defaultTrack());
    }

    public Optional<Progression> replay(CatalogVersionPublished catalog, String employeeId, Optional<Employee> employee,
                                 int heldRank, LocalDate on) {
        return LedgerReplay.on(catalog, ledger.entries(employeeId), employee.map(Employee::startDate).orElse(null),
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
}
