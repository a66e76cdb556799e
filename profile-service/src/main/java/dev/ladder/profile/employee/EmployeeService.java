package dev.ladder.profile.employee;

import dev.ladder.kit.security.Caller;
import dev.ladder.profile.config.ProfileProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Employees are not provisioned up front: whoever Keycloak lets in becomes an employee the first time they use
 * Ladder, with the name and e-mail from their token.
 */
@Service
public class EmployeeService {

    private final EmployeeRepository employees;
    private final EmployeeEvents events;
    private final ProfileProperties properties;
    private final Clock clock;

    EmployeeService(EmployeeRepository employees, EmployeeEvents events, ProfileProperties properties, Clock clock) {
        this.employees = employees;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** The caller's employee record, registering them (and announcing it) on first sight. */
    @Transactional
    public Employee register(Caller caller) {
        return employees.find(caller.id()).orElseGet(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (employees.insertIfAbsent(caller.id(), caller.displayName(), caller.email(),
                    properties.defaultTrackId(), now)) {
                Employee created = employees.find(caller.id()).orElseThrow();
                events.updated(created);
                return created;
            }
            return employees.find(caller.id()).orElseThrow();
        });
    }

    @Transactional(readOnly = true)
    public Optional<Employee> find(String id) {
        return employees.find(id);
    }
}
