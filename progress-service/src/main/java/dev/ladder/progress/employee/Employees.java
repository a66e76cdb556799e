package dev.ladder.progress.employee;

import dev.ladder.contracts.profile.EmployeeUpdated;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Repository
public class Employees {

    private final JdbcClient jdbc;

    public Employees(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An employee's state as an EmployeeUpdated told it, with the track it is evaluated on. */
    public record Update(EmployeeUpdated event, String trackId) {
    }

    /**
     * Stores the employees' current state in one statement. An update older than the stored one is ignored:
     * EmployeeUpdated carries the full state, so the newest one wins whatever order they arrive in (within the list
     * too; of two equally new ones the later in the list). Every update's track goes into the track history, whatever
     * its age (see {@link #trackOn}).
     */
    public void saveAll(List<Update> updates) {
        saveTracks(updates);
        Map<String, Update> newest = new LinkedHashMap<>();
        for (Update update : updates) {
            newest.merge(update.event().employeeId(), update,
                    (a, b) -> b.event().updatedAt().isBefore(a.event().updatedAt()) ? a : b);
        }
        if (newest.isEmpty()) {
            return;
        }
        List<EmployeeUpdated> events = newest.values().stream().map(Update::event).toList();
        jdbc.sql("""
                        INSERT INTO employee (employee_id, display_name, team_id, team_name, manager_id, track_id,
                                              start_date, updated_at, subject, deputy_manager_id, active)
                        SELECT id, name, team_id, team_name, manager_id, track_id, start_date::date,
                               updated_at::timestamptz, subject, deputy, active
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::text[], ?::text[], ?::text[], ?::boolean[])
                             AS x(id, name, team_id, team_name, manager_id, track_id, start_date, updated_at,
                                  subject, deputy, active)
                        ON CONFLICT (employee_id) DO UPDATE SET
                            display_name = EXCLUDED.display_name, team_id = EXCLUDED.team_id,
                            team_name = EXCLUDED.team_name, manager_id = EXCLUDED.manager_id,
                            track_id = EXCLUDED.track_id, start_date = EXCLUDED.start_date,
                            updated_at = EXCLUDED.updated_at, subject = EXCLUDED.subject,
                            deputy_manager_id = EXCLUDED.deputy_manager_id, active = EXCLUDED.active
                        WHERE employee.updated_at <= EXCLUDED.updated_at""")
                .params(events.stream().map(EmployeeUpdated::employeeId).toArray(String[]::new),
                        events.stream().map(EmployeeUpdated::displayName).toArray(String[]::new),
                        events.stream().map(EmployeeUpdated::teamId).toArray(String[]::new),
                        events.stream().map(EmployeeUpdated::teamName).toArray(String[]::new),
                        events.stream().map(EmployeeUpdated::managerId).toArray(String[]::new),
                        newest.values().stream().map(Update::trackId).toArray(String[]::new),
                        events.stream().map(e -> e.startDate() == null ? null : e.startDate().toString())
                                .toArray(String[]::new),
                        events.stream().map(e -> e.updatedAt().toString()).toArray(String[]::new),
                        events.stream().map(EmployeeUpdated::signInSubject).toArray(String[]::new),
                        events.stream().map(EmployeeUpdated::deputyManagerId).toArray(String[]::new),
                        events.stream().map(e -> !e.retired()).toArray(Boolean[]::new))
                .update();
    }

    private void saveTracks(List<Update> updates) {
        jdbc.sql("""
                        INSERT INTO employee_track (employee_id, since, track_id)
                        SELECT id, since::timestamptz, track_id FROM unnest(?::text[], ?::text[], ?::text[])
                             AS x(id, since, track_id)
                        ON CONFLICT DO NOTHING""")
                .params(updates.stream().map(u -> u.event().employeeId()).toArray(String[]::new),
                        updates.stream().map(u -> u.event().updatedAt().toString()).toArray(String[]::new),
                        updates.stream().map(Update::trackId).toArray(String[]::new))
                .update();
    }

    /**
     * The track the employee was on at the end of {@code day} (UTC); for a day before the first update progress-service
     * received, the first track it knew (as {@code CatalogVersions.forDay} does for catalogs).
     */
    public Optional<String> trackOn(String employeeId, LocalDate day) {
        return jdbc.sql("""
                        SELECT track_id FROM employee_track WHERE employee_id = :id
                        ORDER BY since < :end DESC, CASE WHEN since < :end THEN since END DESC, since
                        LIMIT 1""")
                .param("id", employeeId)
                .param("end", Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(String.class)
                .optional();
    }

    public Optional<Employee> find(String employeeId) {
        return jdbc.sql("""
                        SELECT employee_id, display_name, team_id, team_name, manager_id, track_id, start_date,
                               subject, deputy_manager_id, active
                        FROM employee WHERE employee_id = :id""")
                .param("id", employeeId)
                .query(Employee.class)
                .optional();
    }

    public Map<String, Employee> findAll(Collection<String> employeeIds) {
        Map<String, Employee> found = new HashMap<>();
        jdbc.sql("""
                        SELECT e.employee_id, display_name, team_id, team_name, manager_id, track_id, start_date,
                               subject, deputy_manager_id, active
                        FROM unnest(?::text[]) AS ids(id) JOIN employee e ON e.employee_id = ids.id""")
                .param(employeeIds.toArray(String[]::new))
                .query((RowCallbackHandler) rs -> found.put(rs.getString(1), new Employee(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getObject(7, LocalDate.class), rs.getString(8), rs.getString(9), rs.getBoolean(10))));
        return found;
    }

    public List<Employee> inTeam(String teamId) {
        return jdbc.sql("""
                        SELECT employee_id, display_name, team_id, team_name, manager_id, track_id, start_date,
                               subject, deputy_manager_id, active
                        FROM employee WHERE team_id = :team ORDER BY display_name, employee_id""")
                .param("team", teamId)
                .query(Employee.class)
                .list();
    }

    /**
     * A page of the teams whose active members report to this manager, or to the manager this employee deputises
     * for, by id.
     */
    public List<String> teamsManagedBy(String managerId, int limit, long offset) {
        return jdbc.sql("""
                        SELECT DISTINCT team_id FROM employee
                        WHERE (manager_id = :manager OR deputy_manager_id = :manager) AND active
                              AND team_id IS NOT NULL
                        ORDER BY team_id LIMIT :limit OFFSET :offset""")
                .param("manager", managerId).param("limit", limit).param("offset", offset)
                .query(String.class)
                .list();
    }

    /** How many teams {@link #teamsManagedBy} pages through. */
    public long countTeamsManagedBy(String managerId) {
        return jdbc.sql("""
                        SELECT count(DISTINCT team_id) FROM employee
                        WHERE (manager_id = :manager OR deputy_manager_id = :manager) AND active
                              AND team_id IS NOT NULL""")
                .param("manager", managerId)
                .query(Long.class)
                .single();
    }

    /**
     * The employee id of whoever signs in with {@code subject}: the employee whose sign-in subject it is (an active
     * one first, then the newest); for a subject no employee has (yet), the subject itself, as before employee ids
     * and subjects could differ (achievements may already be recorded under it) — unless it is the id of an employee
     * who signs in with another account, then empty: the caller is nobody known.
     */
    public Optional<String> idOfSubject(String subject) {
        Optional<String> bySubject = jdbc.sql("""
                        SELECT employee_id FROM employee WHERE subject = :subject
                        ORDER BY active DESC, updated_at DESC, employee_id LIMIT 1""")
                .param("subject", subject)
                .query(String.class)
                .optional();
        if (bySubject.isPresent()) {
            return bySubject;
        }
        boolean takenAsId = jdbc.sql("SELECT EXISTS (SELECT 1 FROM employee WHERE employee_id = :id)")
                .param("id", subject).query(Boolean.class).single();
        return takenAsId ? Optional.empty() : Optional.of(subject);
    }

    public List<String> allIds() {
        return jdbc.sql("SELECT employee_id FROM employee ORDER BY employee_id").query(String.class).list();
    }

    /** The employees on the track who are not retired. */
    public List<String> activeIdsOnTrack(String trackId) {
        return jdbc.sql("SELECT employee_id FROM employee WHERE track_id = :track AND active ORDER BY employee_id")
                .param("track", trackId)
                .query(String.class)
                .list();
    }

    public List<String> idsOnTrack(String trackId) {
        return jdbc.sql("SELECT employee_id FROM employee WHERE track_id = :track ORDER BY employee_id")
                .param("track", trackId)
                .query(String.class)
                .list();
    }
}
