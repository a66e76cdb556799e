package dev.ladder.profile.evidence;

import dev.ladder.kit.security.Caller;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeService;
import dev.ladder.profile.team.TeamService;
import org.springframework.stereotype.Component;

/**
 * Who may see and decide whose evidence: the employee themselves, whoever manages their team (manager or deputy,
 * as {@link TeamService#manages} decides) and admins.
 * <p>
 * Ownership rule (as for people, see {@link EmployeeService#visible}): an id the caller may not see — a person who
 * is not theirs, a claim, assessment or period of such a person, or of someone else for the {@code /me/…} paths —
 * answers exactly like an id nobody has: 404 with the same body (no id in the detail), so nobody can probe who or
 * what exists. 403 is only for a caller who may see the target but may not do what they ask: nobody decides or
 * assesses (as a manager) their own claims.
 */
@Component
public class Reports {

    private final EmployeeService employees;
    private final TeamService teams;

    Reports(EmployeeService employees, TeamService teams) {
        this.employees = employees;
        this.teams = teams;
    }

    /** The caller's own employee record (registered on first sight). */
    public Employee self(Caller caller) {
        return employees.register(caller);
    }

    /** Whether {@code reviewer} manages the team {@code employee} is on. */
    public boolean manages(Employee reviewer, Employee employee) {
        return employee.teamId() != null && teams.manages(reviewer.id(), employee.teamId());
    }

    public boolean manages(Employee reviewer, String teamId) {
        return teamId != null && teams.manages(reviewer.id(), teamId);
    }

    /** The employee if the caller may read their evidence (self, their manager or deputy, admin); else 404. */
    public Employee readable(Caller caller, String employeeId) {
        Employee self = self(caller);
        if (self.id().equals(employeeId)) {
            return self;
        }
        Employee employee = employees.find(employeeId).orElseThrow(() -> EmployeeService.notFound(employeeId));
        if (caller.isAdmin() || manages(self, employee)) {
            return employee;
        }
        throw EmployeeService.notFound(employeeId);
    }

    /** A report of the caller (manager or deputy of their team) or, for an admin, anyone but themselves; else 404. */
    public Employee report(Caller caller, Employee self, String employeeId) {
        return decidable(caller, self, employeeId) ? employee(employeeId) : fail(employeeId);
    }

    /**
     * Whether the caller may decide claims of {@code employeeId} (and assess their skills): their manager or deputy,
     * or an admin; never their own. False for an unknown id too, so callers answer both alike.
     */
    public boolean decidable(Caller caller, Employee self, String employeeId) {
        if (employeeId == null || employeeId.equals(self.id())) {
            return false;
        }
        return employees.find(employeeId).map(e -> caller.isAdmin() || manages(self, e)).orElse(false);
    }

    public Employee employee(String employeeId) {
        return employees.find(employeeId).orElseThrow(() -> EmployeeService.notFound(employeeId));
    }

    private static Employee fail(String employeeId) {
        throw EmployeeService.notFound(employeeId);
    }
}
