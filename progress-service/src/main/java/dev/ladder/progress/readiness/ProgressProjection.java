package dev.ladder.progress.readiness;

import dev.ladder.progress.rules.GroupResult;
import dev.ladder.progress.rules.HeldCertification;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read model: one row per employee, rewritten by every evaluation. Batches are read and written with one
 * statement each (arrays unnested by PostgreSQL), so applying a poll's worth of events costs a few round trips.
 */
@Repository
public class ProgressProjection {

    private static final TypeReference<List<GroupResult>> GROUPS = new TypeReference<>() {
    };

    /**
     * A row as an evaluation writes it.
     *
     * @param ledgerSequence the newest ledger entry the evaluation saw (see {@link HistoryCache})
     * @param skills         skill → proficiency on the evaluated day
     * @param certifications the certifications valid on the evaluated day
     */
    public record Row(EmployeeProgress progress, long ledgerSequence, Map<String, Integer> skills,
                      List<HeldCertification> certifications) {
    }

    /** What the next evaluation compares itself with (milestones) and which history it continues. */
    public record Previous(String trackId, int currentRank, String nextLevelId, int readinessPercent,
                           long ledgerSequence) {
    }

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

    public Map<String, Previous> previous(Collection<String> employeeIds) {
        Map<String, Previous> rows = new HashMap<>();
        jdbc.sql("""
                        SELECT employee_id, track_id, current_rank, next_level_id, readiness_percent, ledger_seq
                        FROM unnest(?::text[]) AS ids(id) JOIN progress p ON p.employee_id = ids.id""")
                .param(employeeIds.toArray(String[]::new))
                .query((RowCallbackHandler) rs -> rows.put(rs.getString("employee_id"), new Previous(
                        rs.getString("track_id"), rs.getInt("current_rank"), rs.getString("next_level_id"),
                        rs.getInt("readiness_percent"), rs.getLong("ledger_seq"))));
        return rows;
    }

    public void save(Row row) {
        saveAll(List.of(row));
    }

    public void saveAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[] ids = new String[n];
        String[] tracks = new String[n];
        Integer[] versions = new Integer[n];
        String[] currentIds = new String[n];
        String[] currentNames = new String[n];
        Integer[] currentRanks = new Integer[n];
        String[] nextIds = new String[n];
        String[] nextNames = new String[n];
        Integer[] nextRanks = new Integer[n];
        Integer[] percents = new Integer[n];
        String[] groups = new String[n];
        String[] updatedAt = new String[n];
        Boolean[] atRisk = new Boolean[n];
        Long[] sequences = new Long[n];
        String[] skills = new String[n];
        String[] certifications = new String[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            EmployeeProgress p = row.progress();
            LevelRef next = p.nextLevel();
            ids[i] = p.employeeId();
            tracks[i] = p.trackId();
            versions[i] = p.catalogVersion();
            currentIds[i] = p.currentLevel().id();
            currentNames[i] = p.currentLevel().name();
            currentRanks[i] = p.currentLevel().rank();
            nextIds[i] = next == null ? null : next.id();
            nextNames[i] = next == null ? null : next.name();
            nextRanks[i] = next == null ? null : next.rank();
            percents[i] = p.readinessPercent();
            groups[i] = json.writeValueAsString(p.groups());
            updatedAt[i] = p.updatedAt().toString();
            atRisk[i] = p.atRisk();
            sequences[i] = row.ledgerSequence();
            skills[i] = json.writeValueAsString(row.skills());
            certifications[i] = json.writeValueAsString(row.certifications());
        }
        jdbc.sql("""
                        INSERT INTO progress (employee_id, track_id, catalog_version, current_level_id,
                                              current_level_name, current_rank, next_level_id, next_level_name,
                                              next_rank, readiness_percent, groups, updated_at, at_risk, ledger_seq,
                                              skills, certifications)
                        SELECT id, track, version, current_id, current_name, current_rank, next_id, next_name,
                               next_rank, percent, groups::json, updated_at::timestamptz, at_risk, seq,
                               skills::json, certifications::json
                        FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::int[], ?::text[],
                                    ?::text[], ?::int[], ?::int[], ?::text[], ?::text[], ?::boolean[], ?::bigint[],
                                    ?::text[], ?::text[])
                             AS x(id, track, version, current_id, current_name, current_rank, next_id, next_name,
                                  next_rank, percent, groups, updated_at, at_risk, seq, skills, certifications)
                        ON CONFLICT (employee_id) DO UPDATE SET
                            track_id = EXCLUDED.track_id, catalog_version = EXCLUDED.catalog_version,
                            current_level_id = EXCLUDED.current_level_id,
                            current_level_name = EXCLUDED.current_level_name,
                            current_rank = EXCLUDED.current_rank, next_level_id = EXCLUDED.next_level_id,
                            next_level_name = EXCLUDED.next_level_name, next_rank = EXCLUDED.next_rank,
                            readiness_percent = EXCLUDED.readiness_percent, groups = EXCLUDED.groups,
                            updated_at = EXCLUDED.updated_at, at_risk = EXCLUDED.at_risk,
                            ledger_seq = EXCLUDED.ledger_seq, skills = EXCLUDED.skills,
                            certifications = EXCLUDED.certifications""")
                .params(ids, tracks, versions, currentIds, currentNames, currentRanks, nextIds, nextNames, nextRanks,
                        percents, groups, updatedAt, atRisk, sequences, skills, certifications)
                .update();
    }

    public void deleteAll() {
        jdbc.sql("DELETE FROM progress").update();
    }

    public void delete(Collection<String> employeeIds) {
        jdbc.sql("DELETE FROM progress WHERE employee_id = ANY(?::text[])")
                .param(employeeIds.toArray(String[]::new)).update();
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
