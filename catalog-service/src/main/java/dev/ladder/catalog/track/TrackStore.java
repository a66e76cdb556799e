package dev.ladder.catalog.track;

import dev.ladder.catalog.roadmap.Roadmap;
import dev.ladder.catalog.roadmap.Roadmap.PathwayStep;
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
 * The working copy of the catalog (tables track, level, skill, level_skill, salary_band, certification,
 * track_certification). Admin edits will change these rows; readers and other services see only published
 * snapshots, taken from here by {@code CatalogPublisher}.
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
     * Stores a whole roadmap as a new track. The track row is inserted first with ON CONFLICT DO NOTHING: a concurrent
     * importer of the same track blocks on the primary key until this transaction ends and then inserts nothing, so
     * exactly one caller gets {@code true} and goes on to publish.
     *
     * @return false when the track already existed (nothing was written)
     */
    public boolean createIfAbsent(Roadmap roadmap, Map<String, List<RequirementGroup>> rules, String source) {
        int created = jdbc.sql("""
                        INSERT INTO track (id, name, summary, source) VALUES (:id, :name, :summary, :source)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", roadmap.trackId()).param("name", roadmap.name())
                .param("summary", roadmap.summary()).param("source", source)
                .update();
        if (created == 0) {
            return false;
        }
        for (Roadmap.Level level : roadmap.levels()) {
            insertLevel(roadmap.trackId(), level, rules.getOrDefault(level.id(), List.of()));
        }
        int ordinal = 0;
        for (PathwayStep step : roadmap.pathway()) {
            for (Roadmap.Certification certification : step.certifications()) {
                jdbc.sql("INSERT INTO certification (id, name) VALUES (:id, :name) ON CONFLICT (id) DO NOTHING")
                        .param("id", certification.id()).param("name", certification.name()).update();
                jdbc.sql("""
                                INSERT INTO track_certification
                                    (track_id, certification_id, pathway_from_year, pathway_to_year, ordinal)
                                VALUES (:track, :certification, :from, :to, :ordinal)""")
                        .param("track", roadmap.trackId()).param("certification", certification.id())
                        .param("from", step.fromYear()).param("to", step.toYear()).param("ordinal", ordinal++)
                        .update();
            }
        }
        return true;
    }

    private void insertLevel(String trackId, Roadmap.Level level, List<RequirementGroup> requirements) {
        jdbc.sql("""
                        INSERT INTO level (track_id, id, rank, name, min_years, max_years,
                                           job_titles, responsibilities, kpis, requirements)
                        VALUES (:track, :id, :rank, :name, :minYears, :maxYears, CAST(:jobTitles AS jsonb),
                                CAST(:responsibilities AS jsonb), CAST(:kpis AS jsonb), CAST(:requirements AS jsonb))""")
                .param("track", trackId).param("id", level.id()).param("rank", level.rank())
                .param("name", level.name()).param("minYears", level.minYears()).param("maxYears", level.maxYears())
                .param("jobTitles", json.writeValueAsString(level.jobTitles()))
                .param("responsibilities", json.writeValueAsString(level.responsibilities()))
                .param("kpis", json.writeValueAsString(level.kpis()))
                .param("requirements", json.writeValueAsString(requirements))
                .update();
        int ordinal = 0;
        for (Roadmap.Skill skill : level.skills()) {
            jdbc.sql("INSERT INTO skill (id, name) VALUES (:id, :name) ON CONFLICT (id) DO NOTHING")
                    .param("id", skill.id()).param("name", skill.name()).update();
            jdbc.sql("""
                            INSERT INTO level_skill (track_id, level_id, skill_id, ordinal)
                            VALUES (:track, :level, :skill, :ordinal)""")
                    .param("track", trackId).param("level", level.id()).param("skill", skill.id())
                    .param("ordinal", ordinal++).update();
        }
        ordinal = 0;
        for (Roadmap.SalaryBand band : level.salaryBands()) {
            jdbc.sql("""
                            INSERT INTO salary_band (track_id, level_id, region, region_name, currency,
                                                     min_amount, max_amount, ordinal)
                            VALUES (:track, :level, :region, :regionName, :currency, :min, :max, :ordinal)""")
                    .param("track", trackId).param("level", level.id()).param("region", band.region())
                    .param("regionName", band.regionName()).param("currency", band.currency())
                    .param("min", band.min()).param("max", band.max()).param("ordinal", ordinal++).update();
        }
    }

    /** Locks the track row until the transaction ends, so publications of one track are serialised. */
    public boolean lock(String trackId) {
        return !jdbc.sql("SELECT id FROM track WHERE id = :id FOR UPDATE").param("id", trackId)
                .query(String.class).list().isEmpty();
    }

    public Optional<TrackContent> load(String trackId) {
        Optional<TrackHeader> header = jdbc.sql("SELECT id, name, summary FROM track WHERE id = :id")
                .param("id", trackId)
                .query((rs, n) -> new TrackHeader(rs.getString("id"), rs.getString("name"), rs.getString("summary")))
                .optional();
        return header.map(h -> new TrackContent(h.id(), h.name(), h.summary(), levels(trackId),
                certifications(trackId)));
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
                rs.getString("currency"), rs.getLong("min_amount"), rs.getObject("max_amount", Long.class));
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
