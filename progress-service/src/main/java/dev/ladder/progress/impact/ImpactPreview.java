package dev.ladder.progress.impact;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.kit.web.Page;
import dev.ladder.progress.ProgressProperties;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.readiness.EmployeeProgress;
import dev.ladder.progress.readiness.ReadinessService;
import dev.ladder.progress.rules.Progression;
import dev.ladder.progress.rules.RulesEngine;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a draft catalog version would do to the people on its track if it were published now: the same evaluation a
 * release triggers, in a read-only transaction, so nothing is stored and nothing announced.
 */
@Service
public class ImpactPreview {

    /**
     * One employee whose level or readiness would change. Levels are ids, with their names alongside for display
     * ({@code currentLevel} is null for someone not evaluated yet).
     */
    public record Impact(String employeeId, String displayName, String currentLevel, String currentLevelName,
                         String levelAfter, String levelAfterName, int readinessBefore, int readinessAfter,
                         Change change) {
    }

    /** A higher level, or the same level with more readiness, is a gain; a lower level or less readiness a loss. */
    public enum Change { GAIN, LOSS }

    /**
     * The answer: how many would gain and how many lose (everyone the draft changes), and a page of them — losses
     * first, as an admin must weigh them before publishing, then by name ({@link #ORDER}).
     */
    public record Impacts(int gains, int losses, Page<Impact> people) {

        static Impacts of(List<Impact> all, int page, int size) {
            int gains = (int) all.stream().filter(impact -> impact.change() == Change.GAIN).count();
            return new Impacts(gains, all.size() - gains, Page.of(all, page, size));
        }
    }

    /** Losses first, then by name; the id keeps people of the same name in one order from page to page. */
    static final Comparator<Impact> ORDER = Comparator.comparing((Impact impact) -> impact.change() != Change.LOSS)
            .thenComparing(Impact::displayName).thenComparing(Impact::employeeId);

    private final ReadinessService readiness;
    private final Employees employees;
    private final Ledger ledger;
    private final ProgressProperties properties;

    public ImpactPreview(ReadinessService readiness, Employees employees, Ledger ledger,
                         ProgressProperties properties) {
        this.readiness = readiness;
        this.employees = employees;
        this.ledger = ledger;
        this.properties = properties;
    }

    /**
     * Page {@code page} of who the draft would change. Every person of the track is evaluated for each page (nothing
     * is kept between requests: the draft is in the request), so the counts cover them all.
     */
    @Transactional(readOnly = true)
    public Impacts of(CatalogVersionPublished draft, int page, int size) {
        return Impacts.of(all(draft), page, size);
    }

    private List<Impact> all(CatalogVersionPublished draft) {
        // retired people are no longer affected by a new version
        TreeSet<String> ids = new TreeSet<>(employees.activeIdsOnTrack(draft.trackId()));
        if (draft.trackId().equals(properties.defaultTrack())) {
            ids.addAll(ledger.employeesWithoutProfile());
        }
        List<Impact> impacts = new ArrayList<>();
        RulesEngine rules = new RulesEngine(draft);
        for (String id : ids) {
            Optional<EmployeeProgress> before = readiness.progressOf(id)
                    .filter(p -> p.trackId().equals(draft.trackId()));
            int heldRank = before.map(p -> p.currentLevel().rank()).orElse(1);
            Optional<Employee> employee = employees.find(id);
            Optional<Progression> replayed = readiness.replay(rules, id, employee, heldRank, readiness.today());
            if (replayed.isEmpty()) {
                continue;
            }
            Level after = replayed.get().current();
            int percentBefore = before.map(EmployeeProgress::readinessPercent).orElse(0);
            int percentAfter = replayed.get().readinessPercent();
            // someone not evaluated yet counts as the first level at 0%; a renamed level of the same rank is no change
            if (after.rank() == heldRank && percentAfter == percentBefore) {
                continue;
            }
            boolean gain = after.rank() > heldRank
                    || (after.rank() == heldRank && percentAfter > percentBefore);
            impacts.add(new Impact(id, employee.map(Employee::displayName).orElse(id),
                    before.map(p -> p.currentLevel().id()).orElse(null),
                    before.map(p -> p.currentLevel().name()).orElse(null), after.id(), after.name(),
                    percentBefore, percentAfter, gain ? Change.GAIN : Change.LOSS));
        }
        impacts.sort(ORDER);
        return impacts;
    }
}
