package dev.ladder.profile.team;

import dev.ladder.profile.employee.EmployeeRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

@Service
public class TeamService {

    private final TeamRepository teams;
    private final EmployeeRepository employees;

    TeamService(TeamRepository teams, EmployeeRepository employees) {
        this.teams = teams;
        this.employees = employees;
    }

    @Transactional(readOnly = true)
    public List<TeamView> managedBy(String managerId) {
        return teams.managedBy(managerId).stream()
                .map(t -> new TeamView(t.id(), t.name(), t.managerId(), employees.findByTeam(t.id()).stream()
                        .map(e -> new TeamView.Member(e.id(), e.displayName(), e.email(), e.startDate()))
                        .toList()))
                .toList();
    }

    /** Whether {@code callerId} manages the team {@code teamId} (null team → nobody does). */
    @Transactional(readOnly = true)
    public boolean manages(String callerId, String teamId) {
        return teamId != null && teams.find(teamId).map(t -> callerId.equals(t.managerId())).orElse(false);
    }
}
