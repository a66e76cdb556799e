package dev.ladder.notification.people;

import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who is who, from {@code ladder.profile.employees.v1}: the newest {@code updatedAt} of a person wins, each event is
 * applied once (inbox). Callers are matched by their token's subject, never by assuming subject = employee id.
 */
@Service
public class People {

    static final String CONSUMER = "notification.people";

    private static final Logger log = LoggerFactory.getLogger(People.class);

    private final JdbcClient jdbc;
    private final Inbox inbox;
    private final ApplicationEventPublisher events;

    People(JdbcClient jdbc, Inbox inbox, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.events = events;
    }

    /** Applies one {@code EmployeeUpdated}; an older one than the copy (by {@code updatedAt}) changes nothing. */
    @Transactional
    public void apply(EventId eventId, EmployeeUpdated e) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            log.debug("Event {} already applied, skipping", eventId);
            return;
        }
        lock(e.employeeId());
        int changed = jdbc.sql("""
                        INSERT INTO person (employee_id, subject, display_name, email, team_id, team_name, manager_id,
                                            deputy_id, active, updated_at)
                        VALUES (:id, :subject, :name, :email, :team, :teamName, :manager, :deputy, :active, :updatedAt)
                        ON CONFLICT (employee_id) DO UPDATE SET
                            subject = EXCLUDED.subject, display_name = EXCLUDED.display_name, email = EXCLUDED.email,
                            team_id = EXCLUDED.team_id, team_name = EXCLUDED.team_name, manager_id = EXCLUDED.manager_id,
                            deputy_id = EXCLUDED.deputy_id, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
                        WHERE person.updated_at <= EXCLUDED.updated_at""")
                .param("id", e.employeeId())
                .param("subject", e.signInSubject())
                .param("name", e.displayName())
                .param("email", e.email())
                .param("team", e.teamId())
                .param("teamName", e.teamName())
                .param("manager", e.managerId())
                .param("deputy", e.deputyManagerId())
                .param("active", !e.retired())
                .param("updatedAt", Timestamp.from(e.updatedAt()))
                .update();
        if (changed == 0) {
            log.debug("EmployeeUpdated {} is older than the copy of {}, skipping", eventId, e.employeeId());
            return;
        }
        find(e.employeeId()).ifPresent(person -> events.publishEvent(new PersonChanged(person)));
    }

    /**
     * The employee id of whoever signs in as {@code subject}: the person whose subject it is (the newest copy if,
     * for a moment, two claim it), else the subject itself — people not known here yet, and everyone before
     * employee ids and sign-in accounts were told apart, have their {@code sub} as employee id.
     */
    @Transactional(readOnly = true)
    public String employeeIdOf(String subject) {
        return jdbc.sql("""
                        SELECT employee_id FROM person WHERE subject = :subject
                        ORDER BY updated_at DESC, employee_id LIMIT 1""")
                .param("subject", subject)
                .query(String.class)
                .optional()
                .orElse(subject);
    }

    @Transactional(readOnly = true)
    public Optional<Person> find(String employeeId) {
        if (employeeId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT employee_id, subject, display_name, email, team_id, manager_id, deputy_id, active,
                               updated_at
                        FROM person WHERE employee_id = :id""")
                .param("id", employeeId)
                .query(People::map)
                .optional();
    }

    /** The manager and the deputy of the person's team: not the person themselves, not someone retired. */
    @Transactional(readOnly = true)
    public List<String> managersOf(Person person) {
        return Stream.of(person.managerId(), person.deputyId())
                .filter(Objects::nonNull)
                .filter(id -> !id.equals(person.employeeId()))
                .distinct()
                .filter(id -> find(id).map(Person::active).orElse(true))
                .toList();
    }

    /**
     * Serialises, per person, this copy's updates with whatever waits for the person (a claim looking for its
     * claimant's manager): held until the transaction ends. Without it a claim and its claimant's first
     * {@code EmployeeUpdated}, consumed at the same moment from two topics, could each miss the other.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(String employeeId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('person:' || :id))")
                .param("id", employeeId)
                .query((rs, row) -> 1)
                .single();
    }

    private static Person map(ResultSet rs, int row) throws SQLException {
        return new Person(rs.getString("employee_id"), rs.getString("subject"), rs.getString("display_name"),
                rs.getString("email"), rs.getString("team_id"), rs.getString("manager_id"),
                rs.getString("deputy_id"), rs.getBoolean("active"), rs.getTimestamp("updated_at").toInstant());
    }
}
