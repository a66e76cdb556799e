package dev.ladder.progress.readiness;

import dev.ladder.progress.rules.GroupResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** The read model: one row per employee, rewritten by every evaluation. */
@Repository
public class ProgressProjection {

    private static final TypeReference<List<GroupResult>> GROUPS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ProgressProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<EmployeeProgress> find(String employeeId) {
        return jdbc.sql("""
                        SELECT employee_id, track_id, catalog_version, current_level_id, current_level_name,
                               current_rank, next_level_id, next_level_name, next_rank, readiness_percent,
                               groups::text AS groups, updated_at, at_risk
                        FROM progress WHERE employee_id = :id""")
                .param("id", employeeId)
                .query(this::map)
                .optional();
    }

    public void save(EmployeeProgress progress) {
        LevelRef next = progress.nextLevel();
        jdbc.sql("""
                        INSERT INTO progress (employee_id, track_id, catalog_version, current_level_id,
                                              current_level_name, current_rank, next_level_id, next_level_name,
                                              next_rank, readiness_percent, groups, updated_at, at_risk)
                        VALUES (:id, :track, :version, :currentId, :currentName, :currentRank, :nextId, :nextName,
                                :nextRank, :percent, CAST(:groups AS jsonb), :updatedAt, :atRisk)
                        ON CONFLICT (employee_id) DO UPDATE SET
                            track_id = EXCLUDED.track_id, catalog_version = EXCLUDED.catalog_version,
                            current_level_id = EXCLUDED.current_level_id,
                            current_level_name = EXCLUDED.current_level_name,
                            current_rank = EXCLUDED.current_rank, next_level_id = EXCLUDED.next_level_id,
                            next_level_name = EXCLUDED.next_level_name, next_rank = EXCLUDED.next_rank,
                            readiness_percent = EXCLUDED.readiness_percent, groups = EXCLUDED.groups,
                            updated_at = EXCLUDED.updated_at, at_risk = EXCLUDED.at_risk""")
                .param("id", progress.employeeId())
                .param("track", progress.trackId())
                .param("version", progress.catalogVersion())
                .param("currentId", progress.currentLevel().id())
                .param("currentName", progress.currentLevel().name())
                .param("currentRank", progress.currentLevel().rank())
                .param("nextId", next == null ? null : next.id())
                .param("nextName", next == null ? null : next.name())
                .param("nextRank", next == null ? null : next.rank())
                .param("percent", progress.readinessPercent())
                .param("groups", json.writeValueAsString(progress.groups()))
                .param("updatedAt", Timestamp.from(progress.updatedAt()))
                .param("atRisk", progress.atRisk())
                .update();
    }

    public void deleteAll() {
        jdbc.sql("DELETE FROM progress").update();
    }

    public void delete(String employeeId) {
        jdbc.sql("DELETE FROM progress WHERE employee_id = :id").param("id", employeeId).update();
    }

    private EmployeeProgress map(ResultSet rs, int row) throws SQLException {
        String nextId = rs.getString("next_level_id");
        LevelRef next = nextId == null ? null
                : new LevelRef(nextId, rs.getString("next_level_name"), rs.getInt("next_rank"));
        return new EmployeeProgress(rs.getString("employee_id"), rs.getString("track_id"),
                rs.getInt("catalog_version"),
                new LevelRef(rs.getString("current_level_id"), rs.getString("current_level_name"),
                        rs.getInt("current_rank")),
                next, rs.getInt("readiness_percent"), json.readValue(rs.getString("groups"), GROUPS),
                rs.getTimestamp("updated_at").toInstant(), rs.getBoolean("at_risk"));
    }
}
