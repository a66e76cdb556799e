package dev.ladder.catalog.track;

import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The working copy of the catalog: one draft document per track (table track_draft), with the version-1 tables
 * (level, skill, salary_band, certification…) read for tracks imported before drafts existed. Readers and other
 * services see only published snapshots, taken from here by {@code CatalogPublisher}.
 */
@Repository
public class TrackStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<RequirementGroup>> GROUPS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public TrackStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores a new track with its draft at revision 1. The track row is inserted first with ON CONFLICT DO NOTHING: a
     * concurrent importer of the same track blocks on the primary key until this transaction ends and then inserts
     * nothing, so exactly one caller gets {@code true} and goes on to publish.
     *
     * @return false when the track already existed (nothing was written)
     */
    public boolean createIfAbsent(TrackContent content, String source) {
        int created = jdbc.sql("""
                        INSERT INTO track (id, name, summary, source) VALUES (:id, :name, :summary, :source)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", content.id()).param("name", content.name())
                .param("summary", content.summary()).param("source", source)
                .update();
        if (created == 0) {
            return false;
        }
        jdbc.sql("INSERT INTO track_draft (track_id, revision, document) VALUES (:id, 1, CAST(:doc AS jsonb))")
                .param("id", content.id()).param("doc", json.writeValueAsString(content)).update();
        return true;
    }

    public boolean exists(String trackId) {
        return jdbc.sql("SELECT count(*) FROM track WHERE id = :id").param("id", trackId).query(Long.class)
                .single() > 0;
    }

    /** The draft of a track and its revision (the draft's ETag). */
    public record Draft(TrackContent content, int revision) {
    }

    public Optional<Draft> draft(String trackId) {
        Optional<Draft> stored = jdbc.sql("SELECT document, revision FROM track_draft WHERE track_id = :id")
                .param("id", trackId)
                .query((rs, n) -> new Draft(json.readValue(rs.getString("document"), TrackContent.class),
                        rs.getInt("revision")))
                .optional();
        // tracks imported before drafts existed: the version-1 tables are their draft at revision 1
        return stored.isPresent() ? stored : legacy(trackId).map(content -> new Draft(content, 1));
    }

    /**
     * Replaces the draft if it is still at {@code expectedRevision} (compare-and-set, so a stale writer changes
     * nothing).
     *
     * @return the new revision, empty when the draft has moved on
     */
    public Optional<Integer> replaceDraft(TrackContent content, int expectedRevision) {
        int updated = jdbc.sql("""
                        INSERT INTO track_draft (track_id, revision, document, updated_at)
                        VALUES (:id, :next, CAST(:doc AS jsonb), now())
                        ON CONFLICT (track_id) DO UPDATE SET revision = EXCLUDED.revision,
                            document = EXCLUDED.document, updated_at = now()
                        WHERE track_draft.revision = :expected""")
                .param("id", content.id()).param("next", expectedRevision + 1).param("expected", expectedRevision)
                .param("doc", json.writeValueAsString(content)).update();
        if (updated == 0) {
            return Optional.empty();
        }
        jdbc.sql("UPDATE track SET name = :name, summary = :summary, updated_at = now() WHERE id = :id")
                .param("id", content.id()).param("name", content.name()).param("summary", content.summary())
                .update();
        return Optional.of(expectedRevision + 1);
    }

    /** Locks the track row until the transaction ends, so publications of one track are serialised. */
    public boolean lock(String trackId) {
        return !jdbc.sql("SELECT id FROM track WHERE id = :id FOR UPDATE").param("id", trackId)
                .query(String.class).list().isEmpty();
    }

    public Optional<TrackContent> load(String trackId) {
        return draft(trackId).map(Draft::content);
    }

    private Optional<TrackContent> legacy(String trackId) {
        Optional<TrackHeader> header = jdbc.sql("SELECT id, name, summary FROM track WHERE id = :id")
                .param("id", trackId)
                .query((rs, n) -> new TrackHeader(rs.getString("id"), rs.getString("name"), rs.getString("summary")))
                .optional();
        return header.map(h -> new TrackContent(h.id(), h.name(), h.summary(), levels(trackId),
                certifications(trackId), List.of(), 0, false));
    }

    private record TrackHeader(String id, String name, String summary) {
    }

    private List<TrackContent.Level> levels(String trackId) {
        Map<String, List<TrackContent.Skill>> skills = jdbc.sql("""
                        SELECT ls.level_id, s.id, s.name FROM level_skill ls JOIN skill s ON s.id = ls.skill_id
                        WHERE ls.track_id = :track ORDER BY ls.level_id, ls.ordinal""")
                .param("track", trackId)
                .query((rs, n) -> Map.entry(rs.getString("level_id"),
                        new TrackContent.Skill(rs.getString("id"), rs.getString("name"))))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        Map<String, List<TrackContent.SalaryBand>> salaries = jdbc.sql("""
                        SELECT level_id, region, region_name, currency, min_amount, max_amount FROM salary_band
                        WHERE track_id = :track ORDER BY level_id, ordinal""")
                .param("track", trackId)
                .query((rs, n) -> Map.entry(rs.getString("level_id"), salaryBand(rs)))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return jdbc.sql("""
                        SELECT id, rank, name, min_years, max_years, job_titles, responsibilities, kpis, requirements
                        FROM level WHERE track_id = :track ORDER BY rank""")
                .param("track", trackId)
                .query((rs, n) -> new TrackContent.Level(rs.getString("id"), rs.getInt("rank"), rs.getString("name"),
                        rs.getInt("min_years"), rs.getObject("max_years", Integer.class),
                        json.readValue(rs.getString("job_titles"), STRINGS),
                        json.readValue(rs.getString("responsibilities"), STRINGS),
                        skills.getOrDefault(rs.getString("id"), List.of()),
                        salaries.getOrDefault(rs.getString("id"), List.of()),
                        json.readValue(rs.getString("kpis"), STRINGS),
                        json.readValue(rs.getString("requirements"), GROUPS)))
                .list();
    }

    private static TrackContent.SalaryBand salaryBand(ResultSet rs) throws SQLException {
        return new TrackContent.SalaryBand(rs.getString("region"), rs.getString("region_name"),
                rs.getString("currency"), rs.getLong("min_amount"), rs.getObject("max_amount", Long.class),
                rs.getObject("max_amount") == null);
    }

    private List<TrackContent.Certification> certifications(String trackId) {
        return jdbc.sql("""
                        SELECT c.id, c.name, c.renewal_months, tc.pathway_from_year, tc.pathway_to_year
                        FROM track_certification tc JOIN certification c ON c.id = tc.certification_id
                        WHERE tc.track_id = :track ORDER BY tc.ordinal""")
                .param("track", trackId)
                .query((rs, n) -> {
                    int from = rs.getInt("pathway_from_year");
                    Integer to = rs.getObject("pathway_to_year", Integer.class);
                    return new TrackContent.Certification(rs.getString("id"), rs.getString("name"),
                            to == null ? from + "+" : from + "-" + to, rs.getObject("renewal_months", Integer.class));
                })
                .list();
    }
}
