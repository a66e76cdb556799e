package dev.ladder.progress.team;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.MemberPaging;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.Page;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.AchievementFold;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.readiness.ReadinessService;
import dev.ladder.progress.rules.EmployeeState;
import dev.ladder.progress.rules.HeldCertification;
import dev.ladder.progress.rules.RulesEngine;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Team readiness for the team's manager (the manager of its members, per profile-service, with the manager role),
 * the manager's deputy and admins; the caller is matched to an employee by their sign-in subject. Active members
 * only: retired people keep their history but leave the dashboard, its CSV and its aggregates. Built from the
 * projection rows alone (one query), so it costs the same for a team with ten events or a million.
 */
@Service
public class TeamQueries {

    private final TeamMembers teamMembers;
    private final Employees employees;
    private final ReadinessService readiness;
    private final CatalogVersions catalogs;
    private final Ledger ledger;

    public TeamQueries(TeamMembers teamMembers, Employees employees, ReadinessService readiness,
                       CatalogVersions catalogs, Ledger ledger) {
        this.teamMembers = teamMembers;
        this.employees = employees;
        this.readiness = readiness;
        this.catalogs = catalogs;
        this.ledger = ledger;
    }

    /** The whole team's readiness, every member in every list (the CSV and the trends need them all). */
    @Transactional(readOnly = true)
    public TeamReadiness team(String teamId, Caller caller) {
        List<TeamMembers.Member> members = teamMembers.of(teamId);
        String managerId = members.stream().map(m -> m.employee().managerId()).filter(Objects::nonNull).findFirst()
                .orElse(null);
        Optional<String> me = employees.idOfSubject(caller.id());
        boolean manages = me.isPresent() && (caller.isManager() && me.get().equals(managerId)
                || members.stream().anyMatch(m -> me.get().equals(m.employee().deputyManagerId())));
        if (!caller.isAdmin() && !manages) {
            throw new ForbiddenException("You can see the teams you manage");
        }
        if (members.isEmpty()) {
            throw new NotFoundException("No team '" + teamId + "' is known");
        }
        return readinessOf(teamId, members, managerId);
    }

    /**
     * The dashboard of a team: {@link #team} with its lists of people a page at a time. The whole team is still read
     * (its aggregates count everyone; one query over the projection rows), only the answer is cut.
     */
    @Transactional(readOnly = true)
    public TeamDashboard dashboard(String teamId, Caller caller, MemberPaging members) {
        return TeamDashboard.of(team(teamId, caller), members);
    }

    /**
     * Page {@code page} of the teams the caller manages or deputises for, by team id (none: an empty page), each
     * with the first {@code memberSize} of its people.
     */
    @Transactional(readOnly = true)
    public Page<TeamDashboard> mine(Caller caller, int page, int size, int memberSize) {
        Optional<String> me = employees.idOfSubject(caller.id());
        long total = me.map(employees::countTeamsManagedBy).orElse(0L);
        if (Page.offset(page, size) >= total) {
            return new Page<>(List.of(), page, size, total);
        }
        return new Page<>(employees.teamsManagedBy(me.get(), size, Page.offset(page, size)).stream()
                .map(team -> dashboard(team, caller, MemberPaging.first(memberSize))).toList(), page, size, total);
    }

    /** The level's name in the catalog (null for none, the id for a level it no longer has). */
    private static String levelName(CatalogVersionPublished catalog, String levelId) {
        return levelId == null ? null : catalog.levels().stream().filter(level -> level.id().equals(levelId))
                .map(CatalogVersionPublished.Level::name).findFirst().orElse(levelId);
    }

    private TeamReadiness readinessOf(String teamId, List<TeamMembers.Member> members, String managerId) {
        LocalDate today = readiness.today();
        Map<String, Optional<RulesEngine>> rulesOfTrack = new HashMap<>();
        List<TeamReadiness.Member> rows = new ArrayList<>();
        Map<String, Integer> levels = new LinkedHashMap<>();
        Map<String, Integer> histogram = new LinkedHashMap<>();
        TeamReadiness.BUCKETS.forEach(bucket -> histogram.put(bucket, 0));
        Map<String, String> skillNames = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> required = new HashMap<>(); // member → skill → min proficiency
        Map<String, Map<String, Integer>> assessed = new HashMap<>(); // member → skill → proficiency
        List<TeamReadiness.ExpiringCertification> expiring = new ArrayList<>();
        for (TeamMembers.Member member : members) {
            Employee employee = member.employee();
            TeamMembers.Stored p = member.progress() != null ? member.progress() : evaluateNow(employee, today);
            if (p == null) {
                continue;
            }
            Optional<RulesEngine> rules = rulesOfTrack.computeIfAbsent(p.trackId(), catalogs::rules);
            assessed.put(employee.employeeId(), p.skills());
            if (rules.isEmpty()) {
                continue;
            }
            CatalogVersionPublished catalog = rules.get().catalog();
            rows.add(new TeamReadiness.Member(employee.employeeId(), employee.displayName(), p.currentLevelId(),
                    p.currentLevelName(), p.nextLevelId(), levelName(catalog, p.nextLevelId()),
                    p.readinessPercent(), p.atRisk()));
            levels.merge(p.currentLevelId(), 1, Integer::sum);
            histogram.merge(TeamReadiness.bucket(p.readinessPercent()), 1, Integer::sum);
            catalog.skills().forEach(skill -> skillNames.putIfAbsent(skill.id(), skill.name()));
            required.put(employee.employeeId(), requiredSkills(catalog, p.nextLevelId()));
            expiring.addAll(expiring(employee, p.lapsing(), catalog, today));
        }
        List<String> matrixSkills = skillNames.keySet().stream()
                .filter(skill -> required.values().stream().anyMatch(r -> r.containsKey(skill))).toList();
        List<TeamReadiness.SkillRow> matrix = matrixSkills.stream().map(skill -> new TeamReadiness.SkillRow(skill,
                skillNames.get(skill), members.stream().map(TeamMembers.Member::employee)
                .filter(m -> required.containsKey(m.employeeId())).map(m -> {
                    Integer level = assessed.get(m.employeeId()).get(skill);
                    Integer min = required.get(m.employeeId()).get(skill);
                    return new TeamReadiness.Cell(m.employeeId(), level, min,
                            min != null && (level == null || level < min));
                }).toList())).toList();
        expiring.sort(Comparator.comparing(TeamReadiness.ExpiringCertification::expiresOn));
        String teamName = members.stream().map(m -> m.employee().teamName()).filter(Objects::nonNull).findFirst()
                .orElse(teamId);
        return new TeamReadiness(teamId, teamName, managerId, rows, levels, histogram,
                new TeamReadiness.SkillGapMatrix(matrix), expiring);
    }

    /**
     * A member never evaluated (no catalog when their profile arrived): evaluated now from the ledger, as
     * {@code GET /me} would. Null when their track has no catalog yet.
     */
    private TeamMembers.Stored evaluateNow(Employee employee, LocalDate today) {
        return readiness.progressOf(employee.employeeId()).map(p -> {
            EmployeeState state = AchievementFold.stateOn(ledger.entries(employee.employeeId()),
                    employee.startDate(), today,
                    catalogs.rules(p.trackId(), p.catalogVersion()).catalog().verificationPolicy());
            return new TeamMembers.Stored(p.trackId(), p.currentLevel().id(), p.currentLevel().name(),
                    p.nextLevel() == null ? null : p.nextLevel().id(), p.readinessPercent(), p.atRisk(),
                    state.skills(), ReadinessService.lapsing(state.certifications(), today));
        }).orElse(null);
    }

    private static Map<String, Integer> requiredSkills(CatalogVersionPublished catalog, String nextLevelId) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        if (nextLevelId == null) {
            return skills;
        }
        catalog.levels().stream().filter(level -> level.id().equals(nextLevelId))
                .map(Level::requirements).flatMap(List::stream).flatMap(group -> group.items().stream())
                .filter(TeamReadiness::isSkill)
                .forEach(item -> skills.put(item.ref(), item.minProficiency() == null ? 1 : item.minProficiency()));
        return skills;
    }

    private static List<TeamReadiness.ExpiringCertification> expiring(Employee member,
                                                                      List<HeldCertification> certifications,
                                                                      CatalogVersionPublished catalog,
                                                                      LocalDate today) {
        List<TeamReadiness.ExpiringCertification> expiring = new ArrayList<>();
        for (HeldCertification c : certifications) {
            LocalDate lapses = c.lapsesOn();
            if (c.validOn(today) && lapses != null
                    && !today.plusDays(RulesEngine.EXPIRING_WITHIN_DAYS).isBefore(lapses)) {
                String name = catalog.certifications().stream().filter(x -> x.id().equals(c.certificationId()))
                        .map(CatalogVersionPublished.Certification::name).findFirst().orElse(c.certificationId());
                expiring.add(new TeamReadiness.ExpiringCertification(member.employeeId(), member.displayName(),
                        c.certificationId(), name, lapses, ChronoUnit.DAYS.between(today, lapses)));
            }
        }
        return expiring;
    }
}
