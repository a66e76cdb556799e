package dev.ladder.progress.readiness;

import dev.ladder.kit.web.NotFoundException;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.locking.EvaluationLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.TreeSet;

/** The ledger read as history: where someone stood on a past date, and the projection rebuilt from scratch. */
@Service
public class ProgressHistory {

    private static final Logger log = LoggerFactory.getLogger(ProgressHistory.class);

    private final ReadinessService readiness;
    private final CatalogVersions catalogs;
    private final Employees employees;
    private final Ledger ledger;
    private final ProgressProjection projection;
    private final EvaluationLocks locks;
    private final Clock clock;

    public ProgressHistory(ReadinessService readiness, CatalogVersions catalogs, Employees employees, Ledger ledger,
                           ProgressProjection projection, EvaluationLocks locks, Clock clock) {
        this.readiness = readiness;
        this.catalogs = catalogs;
        this.employees = employees;
        this.ledger = ledger;
        this.projection = projection;
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * The ledger events effective on or before {@code day}, evaluated against the catalog version in force that day
     * (the first version for a day before it, see {@link CatalogVersions#forDay}), on the track the employee was on
     * that day ({@link Employees#trackOn}). The current start date is used: a changed start date is a correction.
     */
    @Transactional(readOnly = true)
    public EmployeeProgress asOf(String employeeId, LocalDate day) {
        Optional<Employee> employee = employees.find(employeeId);
        String trackId = employees.trackOn(employeeId, day).orElseGet(() -> readiness.trackOf(employee));
        var catalog = catalogs.forDay(trackId, day)
                .orElseThrow(() -> new NotFoundException("No version of track '" + trackId + "' is published"));
        return readiness.replay(catalog, employeeId, employee, 1, day)
                .map(p -> ReadinessService.toProgress(employeeId, trackId, catalog.version(), p, clock.instant()))
                .orElseThrow(() -> new NotFoundException("Track '" + trackId + "' had no levels on " + day));
    }

    /**
     * Throws the projection away and derives it again from the ledger and the newest catalogs. Announces nothing:
     * milestones belong to the moment they happened, not to a rebuild.
     *
     * @return how many employees were evaluated
     */
    @Transactional
    public int rebuild() {
        locks.catalogExclusive();
        TreeSet<String> ids = new TreeSet<>(employees.allIds());
        ids.addAll(ledger.employeesWithoutProfile());
        projection.deleteAll();
        int evaluated = readiness.rebuild(ids);
        log.info("Rebuilt the progress projection of {} employee(s) from the ledger", evaluated);
        return evaluated;
    }
}
