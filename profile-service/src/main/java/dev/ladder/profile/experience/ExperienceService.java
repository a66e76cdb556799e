package dev.ladder.profile.experience;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.ExperienceWithdrawn;
import dev.ladder.kit.outbox.Outbox;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.Page;
import dev.ladder.profile.audit.AuditLog;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeService;
import dev.ladder.profile.evidence.Reports;
import dev.ladder.profile.http.Preconditions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The caller's periods of relevant prior experience. A correction is ExperienceRecorded with the same
 * experienceId (and a new event id); a withdrawal is ExperienceWithdrawn. Both through the outbox.
 */
@Service
public class ExperienceService {

    private final ExperienceRepository periods;
    private final Reports reports;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    ExperienceService(ExperienceRepository periods, Reports reports, Outbox outbox, AuditLog audit, Clock clock) {
        this.periods = periods;
        this.reports = reports;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ExperienceView add(Caller caller, ExperienceRequest request) {
        Employee employee = reports.self(caller);
        UUID id = UUID.randomUUID();
        Instant now = now();
        periods.insert(id, employee.id(), request, now);
        return announce(periods.findActive(employee.id(), id).orElseThrow(), now);
    }

    @Transactional
    public ExperienceView correct(Caller caller, UUID id, String ifMatch, ExperienceRequest request) {
        Employee employee = reports.self(caller);
        ExperienceView period = periods.lockActive(employee.id(), id).orElseThrow(() -> unknown(id));
        Preconditions.check(ifMatch, period.version());
        Instant now = now();
        periods.update(id, request, now);
        return announce(periods.findActive(employee.id(), id).orElseThrow(), now);
    }

    /**
     * Withdraws the caller's period, announced as ExperienceWithdrawn and audited ({@code experience.withdrawn});
     * the reason, if given, is kept in the audit entry only: the event has no field for it (v1).
     */
    @Transactional
    public void withdraw(Caller caller, UUID id, String reason) {
        Employee employee = reports.self(caller);
        ExperienceView before = periods.lockActive(employee.id(), id).orElseThrow(() -> unknown(id));
        Instant now = now();
        periods.withdraw(id, now);
        outbox.append(Topics.ACHIEVEMENTS, employee.id(),
                new ExperienceWithdrawn(id.toString(), employee.id(), employee.id(), now));
        audit.record(EmployeeService.actor(employee), "experience.withdrawn", employee.id(), employee.teamId(),
                before, periods.find(employee.id(), id).orElseThrow(), reason);
    }

    @Transactional
    public ExperienceView mine(Caller caller, UUID id) {
        return periods.findActive(reports.self(caller).id(), id).orElseThrow(() -> unknown(id));
    }

    /** The caller's active periods, latest start first. */
    @Transactional
    public Page<ExperienceView> mine(Caller caller, int page, int size) {
        Employee employee = reports.self(caller);
        return new Page<>(periods.active(employee.id(), size, (long) page * size), page, size,
                periods.countActive(employee.id()));
    }

    private ExperienceView announce(ExperienceView period, Instant now) {
        outbox.append(Topics.ACHIEVEMENTS, period.employeeId(), new ExperienceRecorded(period.id().toString(),
                period.employeeId(), period.startedOn(), period.endedOn(), period.description(), now));
        return period;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Unknown, withdrawn or someone else's: one answer, naming no id (someone else's must not look different). */
    private static NotFoundException unknown(UUID id) {
        return new NotFoundException("No such experience period among yours.");
    }
}
