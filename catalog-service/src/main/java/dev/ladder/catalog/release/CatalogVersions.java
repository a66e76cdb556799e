package dev.ladder.catalog.release;

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
