package dev.ladder.progress.readiness;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.Optional;

/** Who may see whose progress: themselves, the manager of their team (per profile-service) and admins. */
@Service
public class ProgressQueries {

    private final ReadinessService readiness;
    private final ProgressHistory history;
    private final Employees employees;
    private final ProgressProjection projection;

    public ProgressQueries(ReadinessService readiness, ProgressHistory history, Employees employees,
                           ProgressProjection projection) {
        this.readiness = readiness;
        this.history = history;
        this.employees = employees;
        this.projection = projection;
    }

    /** A signed-in employee always has a place on the ladder once a catalog exists, events or not. */
    @Transactional(readOnly = true)
    public EmployeeProgress mine(Caller caller) {
        return current(caller.id());
    }

    /** @param asOf {@code null} for now */
    @Transactional(readOnly = true)
    public EmployeeProgress mine(Caller caller, LocalDate asOf) {
        return asOf == null ? current(caller.id()) : history.asOf(caller.id(), asOf);
    }

    @Transactional(readOnly = true)
    public EmployeeProgress of(String employeeId, Caller caller) {
        return of(employeeId, caller, null);
    }

    /** @param asOf {@code null} for now */
    @Transactional(readOnly = true)
    public EmployeeProgress of(String employeeId, Caller caller, LocalDate asOf) {
        checkAccess(employeeId, caller);
        return asOf == null ? current(employeeId) : history.asOf(employeeId, asOf);
    }

    /** 403 unless the caller is the employee, the manager of their team or an admin; 404 for unknown people. */
    @Transactional(readOnly = true)
    public void checkAccess(String employeeId, Caller caller) {
        if (employeeId.equals(caller.id())) {
            return;
        }
        Optional<Employee> employee = employees.find(employeeId);
        boolean manages = caller.isManager()
                && employee.map(Employee::managerId).filter(caller.id()::equals).isPresent();
        if (!caller.isAdmin() && !manages) {
            throw new ForbiddenException("You can see your own progress and that of the teams you manage");
        }
        if (employee.isEmpty() && projection.find(employeeId).isEmpty()) {
            throw new NotFoundException("No employee '" + employeeId + "' is known");
        }
    }

    private EmployeeProgress current(String employeeId) {
        return readiness.progressOf(employeeId)
                .orElseThrow(() -> new NotFoundException("No career track has been published yet"));
    }
}
