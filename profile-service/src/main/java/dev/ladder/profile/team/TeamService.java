package dev.ladder.profile.team;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.Page;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeRepository;
import dev.ladder.profile.employee.EmployeeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

@Service
public class TeamService {

    private final TeamRepository teams;
    private final EmployeeRepository employees;
    private final EmployeeService people;

    TeamService(TeamRepository teams, EmployeeRepository employees, EmployeeService people) {
        this.teams = teams;
        this.employees = employees;
        this.people = people;
    }

    /**
     * Page {@code page} of the active teams the caller leads (as manager or deputy), by name, with their members;
     * 403 for who leads none.
     */
    @Transactional
    public Page<TeamView> mine(Caller caller, int page, int size) {
        Employee me = people.register(caller);
        long total = teams.countLedBy(me.id());
        if (total == 0 && !caller.isManager()) {
            throw new ForbiddenException("Only managers have teams");
        }
        return new Page<>(Page.offset(page, size) >= total ? List.of()
                : views(teams.ledBy(me.id(), size, Page.offset(page, size))), page, size, total);
    }

    private List<TeamView> views(List<Team> led) {
        return led.stream()
                .map(t -> new TeamView(t.id(), t.name(), t.managerId(), t.deputyId(),
                        employees.findByTeam(t.id()).stream().filter(Employee::active)
                                .map(e -> new TeamView.Member(e.id(), e.displayName(), e.email(), e.startDate()))
                                .toList()))
                .toList();
    }

    /** Whether employee {@code employeeId} leads (manager or deputy) the team {@code teamId} (null team → nobody). */
    @Transactional(readOnly = true)
    public boolean manages(String employeeId, String teamId) {
        return teamId != null && teams.find(teamId).map(t -> t.ledBy(employeeId)).orElse(false);
    }
}
