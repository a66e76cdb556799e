package dev.ladder.progress.readiness;

import dev.ladder.progress.rules.HeldCertification;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
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

    private static final TypeReference<Map<String, Integer>> SKILLS = new TypeReference<>() {
    };
    private static final TypeReference<List<HeldCertification>> CERTIFICATIONS = new TypeReference<>() {
    };

    /**
     * A row: where the employee stood when last evaluated. The explanation requirement by requirement is not stored
     * (it is most of the bytes and rarely read): it is derived again from the ledger up to {@code ledgerSequence}
     * and the catalog version, on {@code evaluatedOn} — the same pure evaluation gives the same answer.
     *
     * @param keptRank       the rank kept from earlier catalog versions of the track: the evaluation replayed the
     *                       ledger from it (see {@link Previous#heldRank})
     * @param ledgerSequence the newest ledger entry the evaluation saw (see {@link HistoryCache})
     * @param skills         skill → proficiency on the evaluated day (for team dashboards)
     * @param lapsing        certifications held on the evaluated day that will lapse (for team dashboards; see
     *                       {@link ReadinessService#lapsing})
     */
    public record Row(String employeeId, String trackId, int catalogVersion, LevelRef currentLevel,
                      LevelRef nextLevel, int readinessPercent, boolean atRisk, Instant updatedAt,
                      LocalDate evaluatedOn, long ledgerSequence, Map<String, Integer> skills,
                      List<HeldCertification> lapsing, int keptRank) {
    }

    /** What the next evaluation compares itself with (milestones) and which history it continues. */
    public record Previous(String trackId, int catalogVersion, int currentRank, int keptRank, String nextLevelId,
                           int readinessPercent, long ledgerSequence) {

        /**
         * The rank an evaluation against {@code version} of the track replays the ledger from. Under the version
         * this row was evaluated with, the ledger alone decides (from the rank kept before it): a fact recorded late
         * lands on its effective date, so the level does not depend on the order facts arrived in, and equals a
         * fresh replay. A newer version starts from the level held when it was released: levels once reached are
         * kept (the impact preview of a draft does the same).
         */
        public int heldRank(int version) {
            return version == catalogVersion ? keptRank : currentRank;
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ProgressProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Row> find(String employeeId) {
        return jdbc.sql("""
                        SELECT employee_id, track_id, catalog_version, current_level_id, current_level_name,
                               current_rank, next_level_id, next_level_name, next_rank, readiness_percent, at_risk,
                               updated_at, evaluated_on, ledger_seq, COALESCE(skills::text, '{}') AS skills,
                               COALESCE(lapsing_certifications::text, '[]') AS certifications, kept_rank
                        FROM progress WHERE employee_id = :id""")
                .param("id", employeeId)
                .query(this::map)
                .optional();
    }

    public Map<String, Previous> previous(Collection<String> employeeIds) {
        Map<String, Previous> rows = new HashMap<>();
        jdbc.sql("""
                        SELECT employee_id, track_id, catalog_version, current_rank, kept_rank, next_level_id,
                               readiness_percent, ledger_seq
                        FROM unnest(?::text[]) AS ids(id) JOIN progress p ON p.employee_id = ids.id""")
                .param(employeeIds.toArray(String[]::new))
                .query((RowCallbackHandler) rs -> rows.put(rs.getString("employee_id"), new Previous(
                        rs.getString("track_id"), rs.getInt("catalog_version"), rs.getInt("current_rank"),
                        rs.getInt("kept_rank"), rs.getString("next_level_id"), rs.getInt("readiness_percent"),
                        rs.getLong("ledger_seq"))));
        return rows;
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
        Boolean[] atRisk = new Boolean[n];
        String[] updatedAt = new String[n];
        String[] evaluatedOn = new String[n];
        Long[] sequences = new Long[n];
        String[] skills = new String[n];
        String[] certifications = new String[n];
        Integer[] keptRanks = new Integer[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            LevelRef next = row.nextLevel();
            ids[i] = row.employeeId();
            tracks[i] = row.trackId();
            versions[i] = row.catalogVersion();
            currentIds[i] = row.currentLevel().id();
            currentNames[i] = row.currentLevel().name();
            currentRanks[i] = row.currentLevel().rank();
            nextIds[i] = next == null ? null : next.id();
            nextNames[i] = next == null ? null : next.name();
            nextRanks[i] = next == null ? null : next.rank();
            percents[i] = row.readinessPercent();
            atRisk[i] = row.atRisk();
            updatedAt[i] = row.updatedAt().toString();
            evaluatedOn[i] = row.evaluatedOn().toString();
            sequences[i] = row.ledgerSequence();
            skills[i] = json.writeValueAsString(row.skills());
            certifications[i] = json.writeValueAsString(row.lapsing());
            keptRanks[i] = row.keptRank();
        }
        jdbc.sql("""
                        INSERT INTO progress (employee_id, track_id, catalog_version, current_level_id,
                                              current_level_name, current_rank, next_level_id, next_level_name,
                                              next_rank, readiness_percent, at_risk, updated_at, evaluated_on,
                                              ledger_seq, skills, lapsing_certifications, kept_rank)
                        SELECT id, track, version, current_id, current_name, current_rank, next_id, next_name,
                               next_rank, percent, at_risk, updated_at::timestamptz, evaluated_on::date, seq,
                               skills::json, certifications::json, kept
                        FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::int[], ?::text[],
                                    ?::text[], ?::int[], ?::int[], ?::boolean[], ?::text[], ?::text[], ?::bigint[],
                                    ?::text[], ?::text[], ?::int[])
                             AS x(id, track, version, current_id, current_name, current_rank, next_id, next_name,
                                  next_rank, percent, at_risk, updated_at, evaluated_on, seq, skills,
                                  certifications, kept)
                        ON CONFLICT (employee_id) DO UPDATE SET
                            track_id = EXCLUDED.track_id, catalog_version = EXCLUDED.catalog_version,
                            current_level_id = EXCLUDED.current_level_id,
                            current_level_name = EXCLUDED.current_level_name,
                            current_rank = EXCLUDED.current_rank, next_level_id = EXCLUDED.next_level_id,
                            next_level_name = EXCLUDED.next_level_name, next_rank = EXCLUDED.next_rank,
                            readiness_percent = EXCLUDED.readiness_percent, at_risk = EXCLUDED.at_risk,
                            updated_at = EXCLUDED.updated_at, evaluated_on = EXCLUDED.evaluated_on,
                            ledger_seq = EXCLUDED.ledger_seq, skills = EXCLUDED.skills,
                            lapsing_certifications = EXCLUDED.lapsing_certifications,
                            kept_rank = EXCLUDED.kept_rank""")
                .params(ids, tracks, versions, currentIds, currentNames, currentRanks, nextIds, nextNames, nextRanks,
                        percents, atRisk, updatedAt, evaluatedOn, sequences, skills, certifications, keptRanks)
                .update();
    }

    /** Employees whose rows predate skills and certifications (migration V3), in id order. */
    public List<String> withoutSkills() {
        return jdbc.sql("SELECT employee_id FROM progress WHERE skills IS NULL ORDER BY employee_id")
                .query(String.class).list();
    }

    public void deleteAll() {
        jdbc.sql("DELETE FROM progress").update();
    }

    public void delete(Collection<String> employeeIds) {
        jdbc.sql("DELETE FROM progress WHERE employee_id = ANY(?::text[])")
                .param(employeeIds.toArray(String[]::new)).update();
    }

    private Row map(ResultSet rs, int row) throws SQLException {
        String nextId = rs.getString("next_level_id");
        LevelRef next = nextId == null ? null
                : new LevelRef(nextId, rs.getString("next_level_name"), rs.getInt("next_rank"));
        return new Row(rs.getString("employee_id"), rs.getString("track_id"), rs.getInt("catalog_version"),
                new LevelRef(rs.getString("current_level_id"), rs.getString("current_level_name"),
                        rs.getInt("current_rank")),
                next, rs.getInt("readiness_percent"), rs.getBoolean("at_risk"),
                rs.getTimestamp("updated_at").toInstant(), rs.getObject("evaluated_on", LocalDate.class),
                rs.getLong("ledger_seq"), json.readValue(rs.getString("skills"), SKILLS),
                json.readValue(rs.getString("certifications"), CERTIFICATIONS), rs.getInt("kept_rank"));
    }
}
