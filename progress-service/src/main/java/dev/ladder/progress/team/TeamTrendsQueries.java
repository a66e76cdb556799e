package dev.ladder.progress.team;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.security.Caller;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.AchievementFold;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.ledger.LedgerEntry;
import dev.ladder.progress.readiness.ReadinessService;
import dev.ladder.progress.rules.HeldCertification;
import dev.ladder.progress.rules.RulesEngine;
import dev.ladder.progress.timeline.AsOfSeries;
import dev.ladder.progress.timeline.Timeline;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The team's charts, for whoever may see its dashboard ({@link TeamQueries#team}: its manager or deputy, admins).
 * Unlike the dashboard this reads the members' ledgers (history and forecasts need them), so the work is bounded by
 * the team: {@link #MONTHS} "as of" answers per member, two per lapsing certification, the closest
 * {@link #CLOSEST} members.
 */
@Service
public class TeamTrendsQueries {

    static final int MONTHS = 12;
    static final int CLOSEST = 10;
    /** How far ahead certification expiries are listed. */
    static final int EXPIRY_HORIZON_MONTHS = 12;

    private final TeamQueries teams;
    private final Employees employees;
    private final Ledger ledger;
    private final CatalogVersions catalogs;
    private final ReadinessService readiness;
    private final AsOfSeries series;

    public TeamTrendsQueries(TeamQueries teams, Employees employees, Ledger ledger, CatalogVersions catalogs,
                             ReadinessService readiness, AsOfSeries series) {
        this.teams = teams;
        this.employees = employees;
        this.ledger = ledger;
        this.catalogs = catalogs;
        this.readiness = readiness;
        this.series = series;
    }

    @Transactional(readOnly = true)
    public TeamTrends trends(String teamId, Caller caller) {
        TeamReadiness team = teams.team(teamId, caller); // 403 / 404 as for the dashboard
        LocalDate today = readiness.today();
        List<String> ids = team.members().stream().map(TeamReadiness.Member::employeeId).toList();
        Map<String, Employee> staff = employees.findAll(ids);
        Map<String, List<LedgerEntry>> histories = ledger.entries(ids);
        Map<String, String> levelNames = new LinkedHashMap<>();

        List<LocalDate> monthEnds = new ArrayList<>();
        YearMonth current = YearMonth.from(today);
        for (int i = MONTHS - 1; i >= 0; i--) {
            LocalDate end = current.minusMonths(i).atEndOfMonth();
            monthEnds.add(end.isAfter(today) ? today : end);
        }
        Map<LocalDate, TeamTrends.Month> months = new LinkedHashMap<>();
        for (LocalDate day : monthEnds) {
            Map<String, Integer> buckets = new LinkedHashMap<>();
            TeamReadiness.BUCKETS.forEach(bucket -> buckets.put(bucket, 0));
            months.put(day, new TeamTrends.Month(YearMonth.from(day).toString(), day, 0, buckets,
                    new LinkedHashMap<>()));
        }
        AsOfSeries.Catalogs inForce = new AsOfSeries.Catalogs();
        List<TeamTrends.Expiry> expiries = new ArrayList<>();
        for (String id : ids) {
            Optional<Employee> employee = Optional.ofNullable(staff.get(id));
            List<LedgerEntry> entries = histories.getOrDefault(id, List.of());
            LocalDate start = employee.map(Employee::startDate).orElse(null);
            List<LocalDate> judged = monthEnds.stream().filter(day -> start == null || !start.isAfter(day)).toList();
            series.on(id, employee, entries, judged, inForce).forEach((day, point) -> {
                TeamTrends.Month month = months.get(day);
                months.put(day, new TeamTrends.Month(month.month(), day, month.members() + 1, month.readiness(),
                        month.levels()));
                month.readiness().merge(TeamReadiness.bucket(point.readinessPercent()), 1, Integer::sum);
                month.levels().merge(point.levelId(), 1, Integer::sum);
                levelNames.putIfAbsent(point.levelId(), point.levelName());
            });
            String name = employee.map(Employee::displayName).orElse(id);
            expiries.addAll(expiries(id, name, employee, entries, today, inForce));
        }
        expiries.sort(Comparator.comparing(TeamTrends.Expiry::lapsesOn).thenComparing(TeamTrends.Expiry::displayName));
        List<TeamTrends.Closest> closest = team.members().stream().filter(m -> m.nextLevelId() != null)
                .sorted(Comparator.comparingInt(TeamReadiness.Member::readinessPercent).reversed()
                        .thenComparing(TeamReadiness.Member::displayName))
                .limit(CLOSEST)
                .map(m -> new TeamTrends.Closest(m.employeeId(), m.displayName(), m.currentLevelName(),
                        m.nextLevelId(), m.nextLevelName(), m.readinessPercent(), m.atRisk()))
                .toList();
        return new TeamTrends(team.teamId(), team.teamName(), List.copyOf(months.values()), levelNames, closest,
                expiries);
    }

    /**
     * The member's certifications that lapse within the horizon (a renewed one does not: see
     * {@link ReadinessService#lapsing}), each judged the day before it lapses and the day it does.
     */
    private List<TeamTrends.Expiry> expiries(String id, String name, Optional<Employee> employee,
                                             List<LedgerEntry> entries, LocalDate today,
                                             AsOfSeries.Catalogs inForce) {
        Optional<RulesEngine> rules = catalogs.rules(readiness.trackOf(employee));
        if (rules.isEmpty()) {
            return List.of();
        }
        CatalogVersionPublished catalog = rules.get().catalog();
        LocalDate horizon = today.plusMonths(EXPIRY_HORIZON_MONTHS);
        LocalDate start = employee.map(Employee::startDate).orElse(null);
        List<HeldCertification> lapsing = ReadinessService.lapsing(
                AchievementFold.stateOn(entries, start, today, catalog.verificationPolicy()).certifications(), today);
        List<TeamTrends.Expiry> found = new ArrayList<>();
        for (HeldCertification c : lapsing) {
            LocalDate lapses = c.lapsesOn();
            if (lapses == null || !lapses.isAfter(today) || lapses.isAfter(horizon)) {
                continue;
            }
            Map<LocalDate, Timeline.Point> around = series.on(id, employee, entries,
                    List.of(lapses.minusDays(1), lapses), inForce);
            Timeline.Point before = around.get(lapses.minusDays(1));
            Timeline.Point after = around.get(lapses);
            if (before == null || after == null) {
                continue;
            }
            String certification = catalog.certifications().stream()
                    .filter(x -> x.id().equals(c.certificationId())).map(CatalogVersionPublished.Certification::name)
                    .findFirst().orElse(c.certificationId());
            found.add(new TeamTrends.Expiry(id, name, c.certificationId(), certification, lapses,
                    ChronoUnit.DAYS.between(today, lapses), before.readinessPercent(), after.readinessPercent(),
                    Math.max(0, before.readinessPercent() - after.readinessPercent()),
                    before.levelName(), after.levelName(), after.levelRank() < before.levelRank(), after.atRisk()));
        }
        return found;
    }
}
