package dev.ladder.profile.employee;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.profile.audit.Actor;
import dev.ladder.profile.audit.AuditLog;
import dev.ladder.profile.config.ProfileProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Who the caller is in Ladder. A person's employee id is Ladder's; the Keycloak account they sign in with is their
 * {@code subject}. On every call the caller is found by subject; someone not linked yet is linked on first sight
 * to the person HR provisioned for them (by username, else by verified e-mail), and anyone else becomes a new
 * employee an admin has to place.
 */
@Service
public class EmployeeService {

    private static final Logger log = LoggerFactory.getLogger(EmployeeService.class);
    private static final String NO_SUCH_EMPLOYEE = "No such employee among the people you may see.";

    private final EmployeeRepository employees;
    private final EmployeeEvents events;
    private final AuditLog audit;
    private final ProfileProperties properties;
    private final Clock clock;

    EmployeeService(EmployeeRepository employees, EmployeeEvents events, AuditLog audit,
                    ProfileProperties properties, Clock clock) {
        this.employees = employees;
        this.events = events;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The caller's employee, registered on first sight: (a) the person linked to the token's subject; else (b) the
     * one unlinked provisioned person whose username equals the token's {@code preferred_username}
     * (case-insensitive), else whose e-mail equals the token's e-mail (case-insensitive) if the token says
     * {@code email_verified} — now linked (subject set, announced); else (c) a new employee with the subject as id,
     * flagged as needing placement. A retired person is refused (403); the transaction rolls back, so a refused
     * first sign-in links nothing.
     */
    @Transactional
    public Employee register(Caller caller) {
        Employee employee = employees.findBySubject(caller.id()).orElseGet(() -> linkOrCreate(caller));
        if (!employee.active()) {
            throw new ForbiddenException("Your Ladder profile has been retired, so you can no longer use Ladder. "
                    + "If this is a mistake, ask a Ladder admin to look into it.");
        }
        return employee;
    }

    /** Who the caller is, for an audit entry. */
    public static Actor actor(Employee caller) {
        return new Actor(caller.id(), caller.username());
    }

    private Employee linkOrCreate(Caller caller) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Employee> provisioned = linkCandidate(caller);
        if (provisioned.isPresent()) {
            Employee before = provisioned.get();
            if (employees.link(before.id(), caller.id(), now)) {
                Employee linked = employees.find(before.id()).orElseThrow();
                events.updated(linked);
                audit.record(new Actor(linked.id(), caller.username()), "employee.linked", linked.id(),
                        linked.teamId(), before, linked);
                log.info("Linked sign-in account {} ({}) to employee {}", caller.id(), caller.username(), linked.id());
                return linked;
            }
            // linked meanwhile by a concurrent first request of the same account (or another one: then fall through)
            Optional<Employee> raced = employees.findBySubject(caller.id());
            if (raced.isPresent()) {
                return raced.get();
            }
        }
        String username = caller.username() == null || employees.usernameTaken(caller.username())
                ? null : caller.username();
        if (employees.insertRegistered(caller.id(), caller.id(), username, caller.displayName(), caller.email(),
                properties.defaultTrackId(), now)) {
            Employee created = employees.find(caller.id()).orElseThrow();
            events.updated(created);
            audit.record(new Actor(created.id(), caller.username()), "employee.registered", created.id(), null,
                    null, created);
            return created;
        }
        return employees.findBySubject(caller.id()).orElseThrow(() -> new IllegalStateException(
                "employee id " + caller.id() + " exists but is linked to another account"));
    }

    /** Exactly one unlinked person by username, else exactly one by verified e-mail; ambiguity links nobody. */
    private Optional<Employee> linkCandidate(Caller caller) {
        if (caller.username() != null && !caller.username().isBlank()) {
            List<Employee> byUsername = employees.unlinkedByUsername(caller.username());
            if (byUsername.size() == 1) {
                return Optional.of(byUsername.get(0));
            }
        }
        if (caller.emailVerified() && caller.email() != null && !caller.email().isBlank()) {
            List<Employee> byEmail = employees.unlinkedByEmail(caller.email());
            if (byEmail.size() == 1) {
                return Optional.of(byEmail.get(0));
            }
            if (byEmail.size() > 1) {
                log.warn("{} unlinked people share the e-mail of account {}: linking none", byEmail.size(),
                        caller.id());
            }
        }
        return Optional.empty();
    }

    @Transactional(readOnly = true)
    public Optional<Employee> find(String id) {
        return employees.find(id);
    }

    /**
     * The person {@code employeeId} as the caller may see them: themselves, their reports (as manager or deputy of
     * the person's team) or, for an admin, anyone.
     * <p>
     * The ownership rule of every endpoint naming a person or their records by id: someone the caller may not see
     * answers exactly as an id nobody has — 404 with {@link #notFound} (no id in it, so the bodies are identical)
     * — so nobody can probe who exists. Only a caller who may see the target but not do what they ask (an employee
     * moving their own track, deciding their own claim) gets a 403: that tells them nothing they did not know.
     */
    @Transactional
    public Employee visible(Caller caller, String employeeId) {
        Employee me = register(caller);
        return visible(me, caller, employeeId);
    }

    /** {@link #visible(Caller, String)} for a caller already resolved. */
    @Transactional(readOnly = true)
    public Employee visible(Employee me, Caller caller, String employeeId) {
        if (me.id().equals(employeeId)) {
            return me;
        }
        return employees.find(employeeId).filter(e -> caller.isAdmin() || e.reportsTo(me.id()))
                .orElseThrow(() -> notFound(employeeId));
    }

    /**
     * The one answer for an employee id the caller may not see or nobody has (see {@link #visible}); it names no id,
     * so the two cases cannot be told apart by their bodies either.
     */
    public static NotFoundException notFound(String employeeId) {
        return new NotFoundException(NO_SUCH_EMPLOYEE);
    }
}
