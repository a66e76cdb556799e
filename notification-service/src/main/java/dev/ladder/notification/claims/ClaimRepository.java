package dev.ladder.notification.claims;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Repository
class ClaimRepository {

    private final JdbcClient jdbc;

    ClaimRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Claim> find(String employeeId, String achievementId) {
        return jdbc.sql("""
                        SELECT employee_id, achievement_id, certification_id, state, recorded_at, opened_by,
                               decided_at, announced
                        FROM claim WHERE employee_id = :employee AND achievement_id = :achievement""")
                .param("employee", employeeId)
                .param("achievement", achievementId)
                .query(ClaimRepository::map)
                .optional();
    }

    /** The employee's claims waiting for someone to announce them to. */
    List<Claim> unannounced(String employeeId) {
        return jdbc.sql("""
                        SELECT employee_id, achievement_id, certification_id, state, recorded_at, opened_by,
                               decided_at, announced
                        FROM claim WHERE employee_id = :employee AND state = 'PENDING' AND NOT announced
                        ORDER BY recorded_at, achievement_id""")
                .param("employee", employeeId)
                .query(ClaimRepository::map)
                .list();
    }

    void save(Claim c) {
        jdbc.sql("""
                        INSERT INTO claim (employee_id, achievement_id, certification_id, state, recorded_at,
                                           opened_by, decided_at, announced)
                        VALUES (:employee, :achievement, :certification, :state, :recordedAt, :openedBy, :decidedAt,
                                :announced)
                        ON CONFLICT (employee_id, achievement_id) DO UPDATE SET
                            certification_id = EXCLUDED.certification_id, state = EXCLUDED.state,
                            recorded_at = EXCLUDED.recorded_at, opened_by = EXCLUDED.opened_by,
                            decided_at = EXCLUDED.decided_at, announced = EXCLUDED.announced""")
                .param("employee", c.employeeId())
                .param("achievement", c.achievementId())
                .param("certification", c.certificationId())
                .param("state", c.state().name())
                .param("recordedAt", timestamp(c.recordedAt()), Types.TIMESTAMP)
                .param("openedBy", c.openedBy(), Types.VARCHAR)
                .param("decidedAt", timestamp(c.decidedAt()), Types.TIMESTAMP)
                .param("announced", c.announced())
                .update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Claim map(ResultSet rs, int row) throws SQLException {
        return new Claim(rs.getString("employee_id"), rs.getString("achievement_id"),
                rs.getString("certification_id"), Claim.State.valueOf(rs.getString("state")),
                instant(rs, "recorded_at"), rs.getString("opened_by"), instant(rs, "decided_at"),
                rs.getBoolean("announced"));
    }
}
