package dev.ladder.profile.team;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.MemberPaging;
import dev.ladder.kit.web.NotFoundException;
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
     * Page {@code page} of the active teams the caller leads (as manager or deputy), by name, each with the first
     * {@code memberSize} of its members; 403 for who leads none.
     */
    @Transactional
    public Page<TeamView> mine(Caller caller, int page, int size, int memberSize) {
        Employee me = people.register(caller);
        long total = teams.countLedBy(me.id());
        if (total == 0 && !caller.isManager()) {
            throw new ForbiddenException("Only managers have teams");
        }
        return new Page<>(Page.offset(page, size) >= total ? List.of()
                : teams.ledBy(me.id(), size, Page.offset(page, size)).stream()
                        .map(team -> view(team, MemberPaging.first(memberSize))).toList(),
                page, size, total);
    }

    /**
     * A team with a page of its members, for whoever leads it (an active team) and for admins; anyone else gets what
     * a team nobody has gets, a 404 that names no id.
     */
    @Transactional
    public TeamView team(Caller caller, String teamId, MemberPaging members) {
        Employee me = people.register(caller);
        return teams.find(teamId).filter(team -> caller.isAdmin() || team.active() && team.ledBy(me.id()))
                .map(team -> view(team, members))
                .orElseThrow(() -> new NotFoundException("No such team among those you lead."));
    }

    /** The page of the team's active members, cut in SQL by name (the id breaks ties). */
    private TeamView view(Team team, MemberPaging paging) {
        EmployeeRepository.Filter members = new EmployeeRepository.Filter(team.id(), false, null, false);
        List<TeamView.Member> page = employees.page(members, paging.size(), paging.offset()).stream()
                .map(e -> new TeamView.Member(e.id(), e.displayName(), e.email(), e.startDate())).toList();
        return new TeamView(team.id(), team.name(), team.managerId(), team.deputyId(),
                new Page<>(page, paging.page(), paging.size(), employees.count(members)));
    }

    /** Whether employee {@code employeeId} leads (manager or deputy) the team {@code teamId} (null team → nobody). */
    @Transactional(readOnly = true)
    public boolean manages(String employeeId, String teamId) {
        return teamId != null && teams.find(teamId).map(t -> t.ledBy(employeeId)).orElse(false);
    }
}
