package dev.ladder.progress.employee;

import dev.ladder.contracts.profile.EmployeeUpdated;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Repository
public class Employees {

    private final JdbcClient jdbc;

    public Employees(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the employee's current state. An update older than the stored one is ignored: EmployeeUpdated carries
     * the full state, so the newest one wins whatever order they arrive in.
     */
    public void save(EmployeeUpdated event, String trackId) {
        jdbc.sql("""
                        INSERT INTO employee (employee_id, display_name, team_id, team_name, manager_id, track_id,
                                              start_date, updated_at)
                        VALUES (:id, :name, :teamId, :teamName, :managerId, :trackId, :startDate, :updatedAt)
                        ON CONFLICT (employee_id) DO UPDATE SET
                            display_name = EXCLUDED.display_name, team_id = EXCLUDED.team_id,
                            team_name = EXCLUDED.team_name, manager_id = EXCLUDED.manager_id,
                            track_id = EXCLUDED.track_id, start_date = EXCLUDED.start_date,
                            updated_at = EXCLUDED.updated_at
                        WHERE employee.updated_at <= EXCLUDED.updated_at""")
                .param("id", event.employeeId())
                .param("name", event.displayName())
                .param("teamId", event.teamId())
                .param("teamName", event.teamName())
                .param("managerId", event.managerId())
                .param("trackId", trackId)
                .param("startDate", event.startDate())
                .param("updatedAt", Timestamp.from(event.updatedAt()))
                .update();
    }

    public Optional<Employee> find(String employeeId) {
        return jdbc.sql("""
                        SELECT employee_id, display_name, team_id, team_name, manager_id, track_id, start_date
                        FROM employee WHERE employee_id = :id""")
                .param("id", employeeId)
                .query(Employee.class)
                .optional();
    }

    public Map<String, Employee> findAll(Collection<String> employeeIds) {
        Map<String, Employee> found = new HashMap<>();
        jdbc.sql("""
                        SELECT e.employee_id, display_name, team_id, team_name, manager_id, track_id, start_date
                        FROM unnest(?::text[]) AS ids(id) JOIN employee e ON e.employee_id = ids.id""")
                .param(employeeIds.toArray(String[]::new))
                .query((RowCallbackHandler) rs -> found.put(rs.getString(1), new Employee(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getObject(7, LocalDate.class))));
        return found;
    }

    public List<Employee> inTeam(String teamId) {
        return jdbc.sql("""
                        SELECT employee_id, display_name, team_id, team_name, manager_id, track_id, start_date
                        FROM employee WHERE team_id = :team ORDER BY display_name, employee_id""")
                .param("team", teamId)
                .query(Employee.class)
                .list();
    }

    /** The teams whose members report to this manager. */
    public List<String> teamsManagedBy(String managerId) {
        return jdbc.sql("""
                        SELECT DISTINCT team_id FROM employee WHERE manager_id = :manager AND team_id IS NOT NULL
                        ORDER BY team_id""")
                .param("manager", managerId)
                .query(String.class)
                .list();
    }

    public List<String> allIds() {
        return jdbc.sql("SELECT employee_id FROM employee ORDER BY employee_id").query(String.class).list();
    }

    public List<String> idsOnTrack(String trackId) {
        return jdbc.sql("SELECT employee_id FROM employee WHERE track_id = :track ORDER BY employee_id")
                .param("track", trackId)
                .query(String.class)
                .list();
    }
}
