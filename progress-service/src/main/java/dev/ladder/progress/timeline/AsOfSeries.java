package dev.ladder.progress.timeline;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.LedgerEntry;
import dev.ladder.progress.readiness.LedgerReplay;
import dev.ladder.progress.readiness.ReadinessService;
import dev.ladder.progress.rules.Progression;
import dev.ladder.progress.rules.RulesEngine;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several "as of" answers for one employee from one read of their ledger: each day is judged exactly as
 * {@code GET /me?asOf=} judges it (the track they were on, the catalog version in force, levels once reached kept),
 * so a chart and the "as of" view never disagree. The caller bounds the days.
 */
@Component
public class AsOfSeries {

    private final ReadinessService readiness;
    private final Employees employees;
    private final CatalogVersions catalogs;

    public AsOfSeries(ReadinessService readiness, Employees employees, CatalogVersions catalogs) {
        this.readiness = readiness;
        this.employees = employees;
        this.catalogs = catalogs;
    }

    /** Catalog versions in force per track and day, shared by the employees of one request (a team's months). */
    public static final class Catalogs {
        private final Map<String, Optional<CatalogVersionPublished>> inForce = new HashMap<>();
    }

    /**
     * @param entries the employee's whole ledger (effective-date order)
     * @return a point per day (in the order given) on which a catalog of their track existed
     */
    public Map<LocalDate, Timeline.Point> on(String employeeId, Optional<Employee> employee, List<LedgerEntry> entries,
                                             Collection<LocalDate> days, Catalogs cache) {
        Map<LocalDate, Timeline.Point> points = new LinkedHashMap<>();
        LocalDate start = employee.map(Employee::startDate).orElse(null);
        for (LocalDate day : days) {
            String trackId = employees.trackOn(employeeId, day).orElseGet(() -> readiness.trackOf(employee));
            Optional<CatalogVersionPublished> catalog = cache.inForce.computeIfAbsent(trackId + "@" + day,
                    key -> catalogs.forDay(trackId, day));
            if (catalog.isEmpty()) {
                continue;
            }
            RulesEngine rules = catalogs.rules(trackId, catalog.get().version());
            Optional<Progression> p = LedgerReplay.on(rules, entries, start, day, 1);
            p.ifPresent(progression -> points.put(day, point(day, trackId, catalog.get().version(), progression)));
        }
        return points;
    }

    static Timeline.Point point(LocalDate day, String trackId, int version, Progression p) {
        return new Timeline.Point(day, trackId, version, p.current().id(), p.current().name(), p.current().rank(),
                p.next() == null ? null : p.next().level().id(), p.next() == null ? null : p.next().level().name(),
                p.readinessPercent(), p.atRisk());
    }
}
