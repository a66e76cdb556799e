package dev.ladder.catalog.release;

import dev.ladder.catalog.track.TrackContent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** Table catalog_version: the published, immutable snapshots of each track. */
@Repository
public class CatalogVersions {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public CatalogVersions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public int nextVersion(String trackId) {
        return jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM catalog_version WHERE track_id = :track")
                .param("track", trackId).query(Integer.class).single();
    }

    public void insert(TrackRelease release) {
        jdbc.sql("""
                        INSERT INTO catalog_version (track_id, version, published_at, snapshot)
                        VALUES (:track, :version, :publishedAt, CAST(:snapshot AS jsonb))""")
                .param("track", release.id()).param("version", release.version())
                .param("publishedAt", Timestamp.from(release.publishedAt()))
                .param("snapshot", json.writeValueAsString(release))
                .update();
    }

    /** The latest version of every track that has been published, by track id. */
    public List<TrackRelease.Summary> latestVersions() {
        return jdbc.sql("""
                        SELECT DISTINCT ON (track_id) track_id, snapshot ->> 'name' AS name, version, published_at
                        FROM catalog_version ORDER BY track_id, version DESC""")
                .query((rs, n) -> new TrackRelease.Summary(rs.getString("track_id"), rs.getString("name"),
                        rs.getInt("version"), rs.getTimestamp("published_at").toInstant()))
                .list();
    }

    /**
     * A page of the latest version of every published track, by name then id (the id is unique: a stable order
     * across pages).
     */
    public List<TrackRelease.Summary> latestVersions(int limit, long offset) {
        return jdbc.sql("""
                        SELECT track_id, name, version, published_at FROM (
                            SELECT DISTINCT ON (track_id) track_id, snapshot ->> 'name' AS name, version, published_at
                            FROM catalog_version ORDER BY track_id, version DESC) latest
                        ORDER BY name, track_id LIMIT :limit OFFSET :offset""")
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new TrackRelease.Summary(rs.getString("track_id"), rs.getString("name"),
                        rs.getInt("version"), rs.getTimestamp("published_at").toInstant()))
                .list();
    }

    /** How many tracks have been published. */
    public long countTracks() {
        return jdbc.sql("SELECT count(DISTINCT track_id) FROM catalog_version").query(Long.class).single();
    }

    /**
     * The certifications of the latest version of every track, each occurrence ({@code track_id}, {@code idx}: its
     * position in that track's list) with the first year of its pathway bucket ("1-2" / "7+" → 1 / 7).
     */
    private static final String CERTIFICATIONS = """
            WITH latest AS (
                SELECT DISTINCT ON (track_id) track_id, snapshot FROM catalog_version
                ORDER BY track_id, version DESC
            ), occurrence AS (
                SELECT c.value ->> 'id' AS id, c.value AS certification, l.track_id, c.idx,
                       CAST(substring(c.value ->> 'pathwayYears' FROM '^[0-9]+') AS integer) AS from_year
                FROM latest l
                CROSS JOIN LATERAL jsonb_array_elements(CASE jsonb_typeof(l.snapshot -> 'certifications')
                        WHEN 'array' THEN l.snapshot -> 'certifications' ELSE '[]'::jsonb END)
                    WITH ORDINALITY AS c(value, idx)
            )
            """;

    /**
     * A page of the certifications of every track's latest version, each once, in pathway order: earliest first
     * year first, then where the certification first appears (tracks by id, then its position in the track's
     * list), which is unique per certification. Of the occurrences of one id, the one with the earliest year (the
     * first of those) is shown.
     */
    public List<TrackContent.Certification> certifications(int limit, long offset) {
        return jdbc.sql(CERTIFICATIONS + """
                        , ranked AS (
                            SELECT certification, from_year,
                                   row_number() OVER (PARTITION BY id ORDER BY from_year, track_id, idx) AS chosen,
                                   first_value(track_id) OVER (PARTITION BY id ORDER BY track_id, idx) AS first_track,
                                   first_value(idx) OVER (PARTITION BY id ORDER BY track_id, idx) AS first_idx
                            FROM occurrence
                        )
                        SELECT certification FROM ranked WHERE chosen = 1
                        ORDER BY from_year, first_track, first_idx LIMIT :limit OFFSET :offset""")
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> json.readValue(rs.getString("certification"), TrackContent.Certification.class))
                .list();
    }

    /** How many distinct certifications the latest versions of all tracks name. */
    public long countCertifications() {
        return jdbc.sql(CERTIFICATIONS + "SELECT count(DISTINCT id) FROM occurrence").query(Long.class).single();
    }

    public Optional<Integer> latestVersion(String trackId) {
        return jdbc.sql("SELECT version FROM catalog_version WHERE track_id = :track ORDER BY version DESC LIMIT 1")
                .param("track", trackId).query(Integer.class).optional();
    }

    public Optional<TrackRelease> latest(String trackId) {
        return jdbc.sql("""
                        SELECT snapshot FROM catalog_version WHERE track_id = :track
                        ORDER BY version DESC LIMIT 1""")
                .param("track", trackId)
                .query((rs, n) -> json.readValue(rs.getString("snapshot"), TrackRelease.class))
                .optional();
    }

    public List<TrackRelease> latestOfEveryTrack() {
        return jdbc.sql("""
                        SELECT DISTINCT ON (track_id) snapshot FROM catalog_version
                        ORDER BY track_id, version DESC""")
                .query((rs, n) -> json.readValue(rs.getString("snapshot"), TrackRelease.class))
                .list();
    }

    /** A page of the published versions of a track, oldest first (a version number is unique per track). */
    public List<TrackRelease.Summary> versions(String trackId, int limit, long offset) {
        return jdbc.sql("""
                        SELECT track_id, snapshot ->> 'name' AS name, version, published_at FROM catalog_version
                        WHERE track_id = :track ORDER BY version LIMIT :limit OFFSET :offset""")
                .param("track", trackId).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new TrackRelease.Summary(rs.getString("track_id"), rs.getString("name"),
                        rs.getInt("version"), rs.getTimestamp("published_at").toInstant()))
                .list();
    }

    /** How many versions of the track are published. */
    public long countVersions(String trackId) {
        return jdbc.sql("SELECT count(*) FROM catalog_version WHERE track_id = :track")
                .param("track", trackId).query(Long.class).single();
    }

    public Optional<TrackRelease> version(String trackId, int version) {
        return jdbc.sql("SELECT snapshot FROM catalog_version WHERE track_id = :track AND version = :version")
                .param("track", trackId).param("version", version)
                .query((rs, n) -> json.readValue(rs.getString("snapshot"), TrackRelease.class))
                .optional();
    }
}
