package dev.ladder.profile.demo;

import dev.ladder.profile.config.ProfileProperties;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeEvents;
import dev.ladder.profile.employee.EmployeeRepository;
import dev.ladder.profile.team.TeamRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Seeds the demo org when {@code ladder.profile.demo-data=true}. Idempotent: it converges the demo rows to
 * {@link DemoOrg} in one transaction and announces (EmployeeUpdated via the outbox) only employees it actually
 * created or changed, so restarting a seeded service emits nothing.
 */
@Component
class DemoOrgSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoOrgSeeder.class);
    /** Serialises seeding between instances starting together against one database. */
    private static final long LOCK = 0x4C414444_45520001L;

    private final ProfileProperties properties;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final TeamRepository teams;
    private final EmployeeRepository employees;
    private final EmployeeEvents events;
    private final Clock clock;

    DemoOrgSeeder(ProfileProperties properties, TransactionTemplate tx, JdbcClient jdbc, TeamRepository teams,
                  EmployeeRepository employees, EmployeeEvents events, Clock clock) {
        this.properties = properties;
        this.tx = tx;
        this.jdbc = jdbc;
        this.teams = teams;
        this.employees = employees;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.demoData()) {
            int announced = tx.execute(status -> seed());
            log.info("Demo org seeded: {} employee(s) created or updated", announced);
        }
    }

    private int seed() {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().singleRow();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // compare against the state before the team is touched, so a changed team is announced to its members
        Map<String, Optional<Employee>> before = new HashMap<>();
        DemoOrg.PEOPLE.forEach(p -> before.put(p.id(), employees.find(p.id())));
        teams.upsert(DemoOrg.AI_SECURITY);
        int announced = 0;
        for (DemoOrg.Person p : DemoOrg.PEOPLE) {
            String teamName = p.teamId() == null ? null : DemoOrg.AI_SECURITY.name();
            String managerId = p.teamId() == null ? null : DemoOrg.AI_SECURITY.managerId();
            boolean current = before.get(p.id()).filter(e -> Objects.equals(e.displayName(), p.displayName())
                    && Objects.equals(e.email(), p.email()) && Objects.equals(e.teamId(), p.teamId())
                    && Objects.equals(e.teamName(), teamName) && Objects.equals(e.managerId(), managerId)
                    && Objects.equals(e.trackId(), properties.defaultTrackId())
                    && Objects.equals(e.region(), p.region()) && Objects.equals(e.startDate(), p.startDate()))
                    .isPresent();
            if (!current) {
                employees.upsert(p.id(), p.displayName(), p.email(), p.teamId(), properties.defaultTrackId(),
                        p.region(), p.startDate(), now);
                events.updated(employees.find(p.id()).orElseThrow());
                announced++;
            }
        }
        return announced;
    }
}
