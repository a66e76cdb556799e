package dev.ladder.progress.team;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.AchievementFold;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.readiness.EmployeeProgress;
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

/** Team readiness for the team's manager (the manager of its members, per profile-service) and admins. */
@Service
public class TeamQueries {

    private final Employees employees;
    private final ReadinessService readiness;
    private final CatalogVersions catalogs;
    private final Ledger ledger;

    public TeamQueries(Employees employees, ReadinessService readiness, CatalogVersions catalogs, Ledger ledger) {
        this.employees = employees;
        this.readiness = readiness;
        this.catalogs = catalogs;
        this.ledger = ledger;
    }

    @Transactional(readOnly = true)
    public TeamReadiness team(String teamId, Caller caller) {
        List<Employee> members = employees.inTeam(teamId);
        String managerId = members.stream().map(Employee::managerId).filter(Objects::nonNull).findFirst()
                .orElse(null);
        if (!caller.isAdmin() && !(caller.isManager() && caller.id().equals(managerId))) {
            throw new ForbiddenException("You can see the teams you manage");
        }
        if (members.isEmpty()) {
            throw new NotFoundException("No team '" + teamId + "' is known");
        }
        return readinessOf(teamId, members, managerId);
    }

    @Transactional(readOnly = true)
    public List<TeamReadiness> mine(Caller caller) {
        return employees.teamsManagedBy(caller.id()).stream().map(team -> team(team, caller)).toList();
    }

    private TeamReadiness readinessOf(String teamId, List<Employee> members, String managerId) {
        LocalDate today = readiness.today();
        List<TeamReadiness.Member> rows = new ArrayList<>();
        Map<String, Integer> levels = new LinkedHashMap<>();
        Map<String, Integer> histogram = new LinkedHashMap<>();
        TeamReadiness.BUCKETS.forEach(bucket -> histogram.put(bucket, 0));
        Map<String, String> skillNames = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> required = new HashMap<>(); // member → skill → min proficiency
        Map<String, EmployeeState> states = new HashMap<>();
        List<TeamReadiness.ExpiringCertification> expiring = new ArrayList<>();
        for (Employee member : members) {
            Optional<EmployeeProgress> progress = readiness.progressOf(member.employeeId());
            Optional<CatalogVersionPublished> catalog = catalogs.newest(member.trackId());
            EmployeeState state = AchievementFold.stateOn(ledger.entries(member.employeeId()), member.startDate(),
                    today);
            states.put(member.employeeId(), state);
            if (progress.isEmpty() || catalog.isEmpty()) {
                continue;
            }
            EmployeeProgress p = progress.get();
            rows.add(new TeamReadiness.Member(member.employeeId(), member.displayName(), p.currentLevel().id(),
                    p.currentLevel().name(), p.nextLevel() == null ? null : p.nextLevel().id(),
                    p.readinessPercent(), p.atRisk()));
            levels.merge(p.currentLevel().id(), 1, Integer::sum);
            histogram.merge(TeamReadiness.bucket(p.readinessPercent()), 1, Integer::sum);
            catalog.get().skills().forEach(skill -> skillNames.putIfAbsent(skill.id(), skill.name()));
            required.put(member.employeeId(), requiredSkills(catalog.get(), p));
            expiring.addAll(expiring(member, state, catalog.get(), today));
        }
        List<String> matrixSkills = skillNames.keySet().stream()
                .filter(skill -> required.values().stream().anyMatch(r -> r.containsKey(skill))).toList();
        List<TeamReadiness.SkillRow> matrix = matrixSkills.stream().map(skill -> new TeamReadiness.SkillRow(skill,
                skillNames.get(skill), members.stream().filter(m -> required.containsKey(m.employeeId())).map(m -> {
                    Integer assessed = states.get(m.employeeId()).skills().get(skill);
                    Integer min = required.get(m.employeeId()).get(skill);
                    return new TeamReadiness.Cell(m.employeeId(), assessed, min,
                            min != null && (assessed == null || assessed < min));
                }).toList())).toList();
        expiring.sort(Comparator.comparing(TeamReadiness.ExpiringCertification::expiresOn));
        String teamName = members.stream().map(Employee::teamName).filter(Objects::nonNull).findFirst()
                .orElse(teamId);
        return new TeamReadiness(teamId, teamName, managerId, rows, levels, histogram,
                new TeamReadiness.SkillGapMatrix(matrix), expiring);
    }

    private static Map<String, Integer> requiredSkills(CatalogVersionPublished catalog, EmployeeProgress progress) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        if (progress.nextLevel() == null) {
            return skills;
        }
        catalog.levels().stream().filter(level -> level.id().equals(progress.nextLevel().id()))
                .map(Level::requirements).flatMap(List::stream).flatMap(group -> group.items().stream())
                .filter(TeamReadiness::isSkill)
                .forEach(item -> skills.put(item.ref(), item.minProficiency() == null ? 1 : item.minProficiency()));
        return skills;
    }

    private static List<TeamReadiness.ExpiringCertification> expiring(Employee member, EmployeeState state,
                                                                      CatalogVersionPublished catalog,
                                                                      LocalDate today) {
        List<TeamReadiness.ExpiringCertification> expiring = new ArrayList<>();
        for (HeldCertification c : state.certifications()) {
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
