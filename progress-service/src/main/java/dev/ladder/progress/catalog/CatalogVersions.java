package dev.ladder.progress.catalog;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** Every catalog version ever published, as the immutable snapshot the catalog sent. */
@Repository
public class CatalogVersions {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public CatalogVersions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return false if this version of the track was already stored (versions are immutable: first one wins) */
    public boolean store(CatalogVersionPublished catalog) {
        return jdbc.sql("""
                        INSERT INTO catalog_version (track_id, version, snapshot, published_at)
                        VALUES (:track, :version, CAST(:snapshot AS jsonb), :publishedAt)
                        ON CONFLICT (track_id, version) DO NOTHING""")
                .param("track", catalog.trackId())
                .param("version", catalog.version())
                .param("snapshot", json.writeValueAsString(catalog))
                .param("publishedAt", Timestamp.from(catalog.publishedAt()))
                .update() == 1;
    }

    public Optional<CatalogVersionPublished> newest(String trackId) {
        return jdbc.sql("""
                        SELECT snapshot::text FROM catalog_version WHERE track_id = :track
                        ORDER BY version DESC LIMIT 1""")
                .param("track", trackId)
                .query(String.class)
                .optional()
                .map(snapshot -> json.readValue(snapshot, CatalogVersionPublished.class));
    }

    /** The newest version published by the end of {@code day} (UTC): the rules that were in force that day. */
    public Optional<CatalogVersionPublished> inForceOn(String trackId, LocalDate day) {
        return jdbc.sql("""
                        SELECT snapshot::text FROM catalog_version WHERE track_id = :track AND published_at < :end
                        ORDER BY version DESC LIMIT 1""")
                .param("track", trackId)
                .param("end", Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(String.class)
                .optional()
                .map(snapshot -> json.readValue(snapshot, CatalogVersionPublished.class));
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM catalog_version)").query(Boolean.class).single();
    }
}
