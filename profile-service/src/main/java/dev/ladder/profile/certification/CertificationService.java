package dev.ladder.profile.certification;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.kit.outbox.Outbox;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ConflictException;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.profile.catalog.LocalCatalog;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeService;
import dev.ladder.profile.team.TeamService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Service
public class CertificationService {

    private final CertificationRepository records;
    private final LocalCatalog catalog;
    private final EmployeeService employees;
    private final TeamService teams;
    private final Outbox outbox;
    private final Clock clock;

    CertificationService(CertificationRepository records, LocalCatalog catalog, EmployeeService employees,
                         TeamService teams, Outbox outbox, Clock clock) {
        this.records = records;
        this.catalog = catalog;
        this.employees = employees;
        this.teams = teams;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Records the caller's certification and announces it in the same transaction. Every check runs before anything
     * is written, and any failure rolls the whole transaction back (including a first-sight registration), so bad
     * input leaves neither a row nor an event behind.
     */
    @Transactional
    public CertificationView record(Caller caller, RecordCertificationRequest request) {
        String certificationId = request.certificationId().strip();
        String credentialId = request.credentialId().strip();
        String issuer = request.issuer() == null || request.issuer().isBlank() ? null : request.issuer().strip();

        List<FieldProblem> problems = new ArrayList<>();
        Optional<String> name = catalog.certificationName(certificationId);
        if (name.isEmpty()) {
            problems.add(new FieldProblem("certificationId", "unknown certification '" + certificationId + "'"));
        }
        if (request.expiresOn() != null && request.expiresOn().isBefore(request.issuedOn())) {
            problems.add(new FieldProblem("expiresOn",
                    "must not be before issuedOn (" + request.issuedOn() + ")"));
        }
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }

        Employee employee = employees.register(caller);
        if (records.exists(employee.id(), certificationId, credentialId)) {
            throw duplicate(certificationId, credentialId);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CertificationView record = new CertificationView(UUID.randomUUID(), employee.id(), certificationId,
                name.get(), credentialId, issuer, request.issuedOn(), request.expiresOn(), now);
        try {
            records.insert(record);
        } catch (DuplicateKeyException raced) {
            // a concurrent request recorded the same credential between the check and the insert
            throw duplicate(certificationId, credentialId);
        }
        outbox.append(Topics.ACHIEVEMENTS, employee.id(), new CertificationRecorded(record.id().toString(),
                employee.id(), certificationId, credentialId, issuer, record.issuedOn(), record.expiresOn(), now));
        return record;
    }

    private static ConflictException duplicate(String certificationId, String credentialId) {
        return new ConflictException("Certification '" + certificationId + "' with credential '" + credentialId
                + "' is already recorded");
    }

    /** The caller's certifications; a caller seen for the first time is registered (and has none). */
    @Transactional
    public List<CertificationView> mine(Caller caller) {
        return records.byEmployee(employees.register(caller).id());
    }

    @Transactional(readOnly = true)
    public CertificationView mine(Caller caller, UUID id) {
        return records.find(caller.id(), id)
                .orElseThrow(() -> new NotFoundException("No certification " + id + " recorded by you"));
    }

    /** Readable by the employee, the manager of the employee's team, and admins. */
    @Transactional
    public List<CertificationView> of(Caller caller, String employeeId) {
        if (caller.id().equals(employeeId)) {
            return mine(caller);
        }
        Employee employee = employees.find(employeeId)
                .orElseThrow(() -> new NotFoundException("No employee " + employeeId));
        boolean theirManager = caller.isManager() && teams.manages(caller.id(), employee.teamId());
        if (!caller.isAdmin() && !theirManager) {
            throw new ForbiddenException("Only the employee, their manager or an admin may read these certifications");
        }
        return records.byEmployee(employeeId);
    }
}
