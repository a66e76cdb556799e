package dev.ladder.profile.evidence;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeService;
import dev.ladder.profile.team.TeamService;
import org.springframework.stereotype.Component;

/**
 * Who may see and decide whose evidence: the employee themselves, whoever manages their team (manager or deputy,
 * as {@link TeamService#manages} decides) and admins. Unknown and forbidden ids answer alike (404).
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
        Employee employee = employees.find(employeeId).orElseThrow(() -> unknown(employeeId));
        if (caller.isAdmin() || manages(self, employee)) {
            return employee;
        }
        throw unknown(employeeId);
    }

    /** A report of the caller (manager or deputy of their team) or, for an admin, anyone but themselves; else 404. */
    public Employee report(Caller caller, Employee self, String employeeId) {
        Employee employee = employees.find(employeeId).orElseThrow(() -> unknown(employeeId));
        if (!employee.id().equals(self.id()) && (caller.isAdmin() || manages(self, employee))) {
            return employee;
        }
        throw unknown(employeeId);
    }

    public Employee employee(String employeeId) {
        return employees.find(employeeId).orElseThrow(() -> unknown(employeeId));
    }

    private static NotFoundException unknown(String employeeId) {
        return new NotFoundException("No employee " + employeeId + " among the people you may see");
    }
}
