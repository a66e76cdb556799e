package dev.ladder.profile.employee;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@Repository
public class EmployeeRepository {

    private static final String SELECT = """
            select e.id, e.display_name, e.email, e.team_id, t.name as team_name, t.manager_id, e.track_id, e.region,
                   e.start_date, e.updated_at
              from employee e left join team t on t.id = e.team_id
            """;

    private final JdbcClient jdbc;

    EmployeeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Employee> find(String id) {
        return jdbc.sql(SELECT + " where e.id = :id").param("id", id).query(EmployeeRepository::map).optional();
    }

    public List<Employee> findByTeam(String teamId) {
        return jdbc.sql(SELECT + " where e.team_id = :teamId order by e.display_name, e.id")
                .param("teamId", teamId).query(EmployeeRepository::map).list();
    }

    /** @return false when the employee already exists (a concurrent first request registered them) */
    public boolean insertIfAbsent(String id, String displayName, String email, String trackId, Instant now) {
        return jdbc.sql("""
                        insert into employee (id, display_name, email, track_id, created_at, updated_at)
                        values (:id, :displayName, :email, :trackId, :now, :now)
                        on conflict (id) do nothing
                        """)
                .param("id", id).param("displayName", displayName).param("email", email)
                .param("trackId", trackId).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** Inserts or overwrites every attribute; used by the demo seeder, which owns the demo employees' data. */
    public void upsert(String id, String displayName, String email, String teamId, String trackId, String region,
                       LocalDate startDate, Instant now) {
        jdbc.sql("""
                        insert into employee (id, display_name, email, team_id, track_id, region, start_date,
                                              created_at, updated_at)
                        values (:id, :displayName, :email, :teamId, :trackId, :region, :startDate, :now, :now)
                        on conflict (id) do update set display_name = excluded.display_name,
                            email = excluded.email, team_id = excluded.team_id, track_id = excluded.track_id,
                            region = excluded.region, start_date = excluded.start_date,
                            updated_at = excluded.updated_at
                        """)
                .param("id", id).param("displayName", displayName).param("email", email)
                .param("teamId", teamId).param("trackId", trackId).param("region", region)
                .param("startDate", startDate).param("now", Timestamp.from(now))
                .update();
    }

    private static Employee map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Employee(rs.getString("id"), rs.getString("display_name"), rs.getString("email"),
                rs.getString("team_id"), rs.getString("team_name"), rs.getString("manager_id"),
                rs.getString("track_id"), rs.getString("region"), rs.getObject("start_date", LocalDate.class),
                rs.getTimestamp("updated_at").toInstant());
    }
}
