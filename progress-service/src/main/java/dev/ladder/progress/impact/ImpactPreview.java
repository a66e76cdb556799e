package dev.ladder.progress.impact;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.progress.ProgressProperties;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.readiness.EmployeeProgress;
import dev.ladder.progress.readiness.ReadinessService;
import dev.ladder.progress.rules.Progression;
import dev.ladder.progress.rules.RulesEngine;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a draft catalog version would do to the people on its track if it were published now: the same evaluation a
 * release triggers, in a read-only transaction, so nothing is stored and nothing announced.
 */
@Service
public class ImpactPreview {

    /** One employee whose level or readiness would change. */
    public record Impact(String employeeId, String currentLevel, String levelAfter, int readinessBefore,
                         int readinessAfter) {
    }

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

    @Transactional(readOnly = true)
    public List<Impact> of(CatalogVersionPublished draft) {
        TreeSet<String> ids = new TreeSet<>(employees.idsOnTrack(draft.trackId()));
        if (draft.trackId().equals(properties.defaultTrack())) {
            ids.addAll(ledger.employeesWithoutProfile());
        }
        List<Impact> impacts = new ArrayList<>();
        RulesEngine rules = new RulesEngine(draft);
        for (String id : ids) {
            Optional<EmployeeProgress> before = readiness.progressOf(id)
                    .filter(p -> p.trackId().equals(draft.trackId()));
            int heldRank = before.map(p -> p.currentLevel().rank()).orElse(1);
            Optional<Progression> after = readiness.replay(rules, id, employees.find(id), heldRank,
                    readiness.today());
            if (after.isEmpty()) {
                continue;
            }
            String levelBefore = before.map(p -> p.currentLevel().id()).orElse(null);
            int percentBefore = before.map(EmployeeProgress::readinessPercent).orElse(0);
            String levelAfter = after.get().current().id();
            int percentAfter = after.get().readinessPercent();
            if (!levelAfter.equals(levelBefore) || percentAfter != percentBefore) {
                impacts.add(new Impact(id, levelBefore, levelAfter, percentBefore, percentAfter));
            }
        }
        return impacts;
    }
}
