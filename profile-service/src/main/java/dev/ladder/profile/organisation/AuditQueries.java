package dev.ladder.profile.organisation;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import dev.ladder.profile.audit.AuditEntry;
import dev.ladder.profile.audit.AuditLog;
import dev.ladder.profile.employee.EmployeeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the audit trail: admins read all of it (by employee, by team), everyone their own entries. */
@Service
public class AuditQueries {

    private final EmployeeService employees;
    private final AuditLog audit;

    AuditQueries(EmployeeService employees, AuditLog audit) {
        this.employees = employees;
        this.audit = audit;
    }

    @Transactional
    public Page<AuditEntry> all(Caller caller, String employeeId, String teamId, int page, int size) {
        Admins.admin(employees, caller);
        return audit.find(TeamAdministration.blankToNull(employeeId), TeamAdministration.blankToNull(teamId), page,
                size);
    }

    @Transactional
    public Page<AuditEntry> mine(Caller caller, int page, int size) {
        return audit.find(employees.register(caller).id(), null, page, size);
    }
}
