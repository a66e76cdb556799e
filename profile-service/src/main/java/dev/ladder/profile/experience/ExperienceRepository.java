package dev.ladder.profile.experience;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class ExperienceRepository {

    private static final String SELECT = """
            select id, employee_id, started_on, ended_on, description, state, version, recorded_at, updated_at
              from experience_period
            """;

    private final JdbcClient jdbc;

    ExperienceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String employeeId, ExperienceRequest r, Instant now) {
        jdbc.sql("""
                        insert into experience_period (id, employee_id, started_on, ended_on, description, state,
                            version, recorded_at, updated_at)
                        values (:id, :employeeId, :startedOn, :endedOn, :description, 'ACTIVE', 1, :now, :now)
                        """)
                .param("id", id).param("employeeId", employeeId).param("startedOn", r.startedOn())
                .param("endedOn", r.endedOn()).param("description", r.description().strip())
                .param("now", Timestamp.from(now))
                .update();
    }

    void update(UUID id, ExperienceRequest r, Instant now) {
        jdbc.sql("""
                        update experience_period set started_on = :startedOn, ended_on = :endedOn,
                            description = :description, version = version + 1, updated_at = :now
                         where id = :id
                        """)
                .param("id", id).param("startedOn", r.startedOn()).param("endedOn", r.endedOn())
                .param("description", r.description().strip()).param("now", Timestamp.from(now))
                .update();
    }

    void withdraw(UUID id, Instant now) {
        jdbc.sql("""
                        update experience_period set state = 'WITHDRAWN', version = version + 1, updated_at = :now
                         where id = :id
                        """)
                .param("id", id).param("now", Timestamp.from(now))
                .update();
    }

    /** The employee's active period, locked for a change. */
    Optional<ExperienceView> lockActive(String employeeId, UUID id) {
        return jdbc.sql(SELECT + " where employee_id = :employeeId and id = :id and state = 'ACTIVE' for update")
                .param("employeeId", employeeId).param("id", id).query(ExperienceRepository::map).optional();
    }

    /** The employee's period in any state. */
    Optional<ExperienceView> find(String employeeId, UUID id) {
        return jdbc.sql(SELECT + " where employee_id = :employeeId and id = :id")
                .param("employeeId", employeeId).param("id", id).query(ExperienceRepository::map).optional();
    }

    Optional<ExperienceView> findActive(String employeeId, UUID id) {
        return jdbc.sql(SELECT + " where employee_id = :employeeId and id = :id and state = 'ACTIVE'")
                .param("employeeId", employeeId).param("id", id).query(ExperienceRepository::map).optional();
    }

    List<ExperienceView> active(String employeeId, int limit, long offset) {
        return jdbc.sql(SELECT + """
                         where employee_id = :employeeId and state = 'ACTIVE'
                         order by started_on desc, recorded_at desc, id limit :limit offset :offset
                        """)
                .param("employeeId", employeeId).param("limit", limit).param("offset", offset)
                .query(ExperienceRepository::map).list();
    }

    long countActive(String employeeId) {
        return jdbc.sql("select count(*) from experience_period where employee_id = :employeeId and state = 'ACTIVE'")
                .param("employeeId", employeeId).query(Long.class).single();
    }

    private static ExperienceView map(ResultSet rs, int row) throws SQLException {
        return new ExperienceView(rs.getObject("id", UUID.class), rs.getString("employee_id"),
                rs.getObject("started_on", LocalDate.class), rs.getObject("ended_on", LocalDate.class),
                rs.getString("description"), rs.getString("state"), rs.getInt("version"),
                rs.getTimestamp("recorded_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
