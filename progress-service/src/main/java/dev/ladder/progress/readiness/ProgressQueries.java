package dev.ladder.progress.readiness;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/** Who may see whose progress: themselves, the manager of their team (per profile-service) and admins. */
@Service
public class ProgressQueries {

    private final ReadinessService readiness;
    private final Employees employees;
    private final ProgressProjection projection;

    public ProgressQueries(ReadinessService readiness, Employees employees, ProgressProjection projection) {
        this.readiness = readiness;
        this.employees = employees;
        this.projection = projection;
    }

    /** A signed-in employee always has a place on the ladder once a catalog exists, events or not. */
    @Transactional(readOnly = true)
    public EmployeeProgress mine(Caller caller) {
        return readiness.progressOf(caller.id())
                .orElseThrow(() -> new NotFoundException("No career track has been published yet"));
    }

    @Transactional(readOnly = true)
    public EmployeeProgress of(String employeeId, Caller caller) {
        if (employeeId.equals(caller.id())) {
            return mine(caller);
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
        return readiness.progressOf(employeeId)
                .orElseThrow(() -> new NotFoundException("No career track has been published yet"));
    }
}
