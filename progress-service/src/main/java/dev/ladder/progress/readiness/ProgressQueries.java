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

/**
 * Who may see whose progress: themselves, the manager of their team or the manager's deputy (per profile-service)
 * and admins. Callers are matched to employees by their sign-in subject, not taken for employee ids.
 */
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

    /**
     * The caller's employee id: the employee whose sign-in subject is the token's {@code sub} (see
     * {@link Employees#idOfSubject}); empty for a caller who is nobody known.
     */
    @Transactional(readOnly = true)
    public Optional<String> employeeIdOf(Caller caller) {
        return employees.idOfSubject(caller.id());
    }

    /** A signed-in employee always has a place on the ladder once a catalog exists, events or not. */
    @Transactional(readOnly = true)
    public EmployeeProgress mine(Caller caller) {
        return mine(caller, null);
    }

    /** @param asOf {@code null} for now */
    @Transactional(readOnly = true)
    public EmployeeProgress mine(Caller caller, LocalDate asOf) {
        Optional<String> me = employeeIdOf(caller);
        if (me.isEmpty()) {
            // nobody known signs in with this account: where someone new would stand
            return readiness.blank(caller.id(), asOf == null ? readiness.today() : asOf)
                    .orElseThrow(() -> new NotFoundException("No career track has been published yet"));
        }
        return asOf == null ? current(me.get()) : history.asOf(me.get(), asOf);
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

    /**
     * 403 unless the caller is the employee, the manager of their team (with the manager role), the manager's
     * deputy, or an admin; 404 for unknown people. Retired people included: their history stays readable.
     */
    @Transactional(readOnly = true)
    public void checkAccess(String employeeId, Caller caller) {
        Optional<String> me = employeeIdOf(caller);
        if (me.isPresent() && employeeId.equals(me.get())) {
            return;
        }
        Optional<Employee> employee = employees.find(employeeId);
        boolean manages = me.isPresent() && employee.filter(e ->
                caller.isManager() && me.get().equals(e.managerId()) || me.get().equals(e.deputyManagerId()))
                .isPresent();
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
