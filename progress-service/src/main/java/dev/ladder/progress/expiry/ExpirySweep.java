package dev.ladder.progress.expiry;

import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.AchievementFold;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.milestone.Milestones;
import dev.ladder.progress.readiness.ReadinessService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * The daily sweep: time alone changes progress (a certification lapses at midnight, no event says so), so every
 * employee is re-evaluated for today, and the expiry milestones due are announced. One transaction
 * per employee, so one bad history does not hold back everyone else; running it twice (or on two instances at once)
 * announces nothing twice, because milestone ids are deterministic and remembered.
 */
@Service
public class ExpirySweep {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweep.class);

    public record Result(LocalDate day, int employees, int announced) {
    }

    private final TransactionTemplate transactions;
    private final Ledger ledger;
    private final Employees employees;
    private final CatalogVersions catalogs;
    private final ReadinessService readiness;
    private final Milestones milestones;
    private final Clock clock;

    public ExpirySweep(TransactionTemplate transactions, Ledger ledger, Employees employees,
                       CatalogVersions catalogs, ReadinessService readiness,
                       Milestones milestones, Clock clock) {
        this.transactions = transactions;
        this.ledger = ledger;
        this.employees = employees;
        this.catalogs = catalogs;
        this.readiness = readiness;
        this.milestones = milestones;
        this.clock = clock;
    }

    public Result run() {
        LocalDate today = LocalDate.now(clock);
        // everyone: besides lapsing certifications, experience grows with time alone
        TreeSet<String> ids = new TreeSet<>(ledger.employeesWithHistory());
        ids.addAll(employees.allIds());
        int announced = 0;
        for (String id : ids) {
            announced += transactions.execute(status -> sweep(id, today));
        }
        log.info("Expiry sweep of {}: {} employee(s), {} milestone(s) announced", today, ids.size(), announced);
        return new Result(today, ids.size(), announced);
    }

    private int sweep(String employeeId, LocalDate today) {
        readiness.reevaluate(employeeId);
        var progress = readiness.progressOf(employeeId);
        if (progress.isEmpty()) {
            return 0;
        }
        var catalog = catalogs.newest(progress.get().trackId());
        if (catalog.isEmpty()) {
            return 0;
        }
        var employee = employees.find(employeeId);
        if (employee.isPresent() && !employee.get().active()) {
            return 0; // retired: re-evaluated (history stays true), but no expiry is announced to them
        }
        LocalDate start = employee.map(Employee::startDate).orElse(null);
        var held = AchievementFold.stateOn(ledger.entries(employeeId), start, today,
                catalog.get().verificationPolicy()).certifications();
        List<MilestoneReached> due = ExpiryPlanner.due(progress.get(), catalog.get(), held, today, clock.instant());
        return milestones.announce(due).size();
    }
}
