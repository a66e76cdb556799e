package dev.ladder.progress.catalog;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
import dev.ladder.progress.rules.RulesEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every catalog version ever published, as the immutable snapshot the catalog sent. Versions never change once
 * stored (the first copy wins), so each is parsed and compiled into a {@link RulesEngine} once and kept in memory;
 * only "which version is the newest" is asked of the database each time.
 */
@Repository
public class CatalogVersions {

    private record Key(String trackId, int version) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Map<Key, RulesEngine> compiled = new ConcurrentHashMap<>();

    public CatalogVersions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores the version and adds the certifications and skills it names to those achievements may refer to
     * ({@link CatalogReferences}), in the same transaction.
     *
     * @return false if this version of the track was already stored (versions are immutable: first one wins)
     */
    public boolean store(CatalogVersionPublished catalog) {
        boolean stored = jdbc.sql("""
                        INSERT INTO catalog_version (track_id, version, snapshot, published_at)
                        VALUES (:track, :version, CAST(:snapshot AS jsonb), :publishedAt)
                        ON CONFLICT (track_id, version) DO NOTHING""")
                .param("track", catalog.trackId())
                .param("version", catalog.version())
                .param("snapshot", json.writeValueAsString(catalog))
                .param("publishedAt", Timestamp.from(catalog.publishedAt()))
                .update() == 1;
        if (stored) {
            jdbc.sql("""
                            INSERT INTO catalog_item (kind, item_id)
                            SELECT 'CERTIFICATION', id FROM unnest(?::text[]) AS id
                            UNION SELECT 'SKILL', id FROM unnest(?::text[]) AS id
                            ON CONFLICT DO NOTHING""")
                    .params(named(catalog, RequirementType.CERTIFICATION), named(catalog, RequirementType.SKILL))
                    .update();
        }
        return stored;
    }

    /** The certifications (or skills) a version names: in its list, or in a level's requirements. */
    private static String[] named(CatalogVersionPublished catalog, RequirementType type) {
        Stream<String> listed = type == RequirementType.CERTIFICATION
                ? catalog.certifications().stream().map(CatalogVersionPublished.Certification::id)
                : catalog.skills().stream().map(CatalogVersionPublished.Skill::id);
        Stream<String> required = catalog.levels().stream().flatMap(level -> level.requirements().stream())
                .flatMap(group -> group.items().stream()).filter(item -> item.type() == type)
                .map(CatalogVersionPublished.Requirement::ref);
        return Stream.concat(listed, required).distinct().toArray(String[]::new);
    }

    public Optional<CatalogVersionPublished> newest(String trackId) {
        return rules(trackId).map(RulesEngine::catalog);
    }

    /** The newest version of the track, compiled. */
    public Optional<RulesEngine> rules(String trackId) {
        return jdbc.sql("SELECT version FROM catalog_version WHERE track_id = :track ORDER BY version DESC LIMIT 1")
                .param("track", trackId)
                .query(Integer.class)
                .optional()
                .map(version -> compiled(trackId, version));
    }

    /**
     * The rules that judge {@code day}: the newest version published by the end of that day (UTC), the rules in force
     * then. A day before the track's first version is judged by that first version: an organisation adopting Ladder
     * has years of history that predate its first catalog, and "not found" would hide all of it.
     */
    public Optional<CatalogVersionPublished> forDay(String trackId, LocalDate day) {
        return jdbc.sql("""
                        SELECT version FROM catalog_version WHERE track_id = :track
                        ORDER BY published_at < :end DESC,
                                 CASE WHEN published_at < :end THEN version END DESC, version
                        LIMIT 1""")
                .param("track", trackId)
                .param("end", Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(Integer.class)
                .optional()
                .map(version -> compiled(trackId, version).catalog());
    }

    /** One version of a track, compiled; it must exist (stored rows name only versions that were stored). */
    public RulesEngine rules(String trackId, int version) {
        return compiled(trackId, version);
    }

    private RulesEngine compiled(String trackId, int version) {
        return compiled.computeIfAbsent(new Key(trackId, version), key -> new RulesEngine(json.readValue(
                jdbc.sql("SELECT snapshot::text FROM catalog_version WHERE track_id = :track AND version = :version")
                        .param("track", trackId)
                        .param("version", version)
                        .query(String.class)
                        .single(), CatalogVersionPublished.class)));
    }

    /** A version of a track and the day (UTC) it was published. */
    public record Release(int version, LocalDate publishedOn) {
    }

    /** The track's versions published on {@code from}..{@code to} (UTC days), oldest first; at most {@code limit}. */
    public java.util.List<Release> releasedBetween(String trackId, LocalDate from, LocalDate to, int limit) {
        return jdbc.sql("""
                        SELECT version, published_at FROM catalog_version
                        WHERE track_id = :track AND published_at >= :start AND published_at < :end
                        ORDER BY published_at, version LIMIT :limit""")
                .param("track", trackId)
                .param("start", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("end", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("limit", limit)
                .query((rs, row) -> new Release(rs.getInt("version"),
                        rs.getTimestamp("published_at").toInstant().atZone(ZoneOffset.UTC).toLocalDate()))
                .list();
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM catalog_version)").query(Boolean.class).single();
    }
}
