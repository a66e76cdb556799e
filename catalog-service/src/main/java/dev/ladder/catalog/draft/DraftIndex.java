package dev.ladder.catalog.draft;

import dev.ladder.kit.web.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Every track an admin can edit, published or not: an imported roadmap is a draft until its first publication, so
 * it is not among the published tracks readers see.
 */
@Component
public class DraftIndex {

    private final JdbcClient jdbc;

    DraftIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param revision      the draft's current revision (its ETag); 1 for a track never edited since import
     * @param latestVersion the newest published version, null when never published
     */
    public record Entry(String trackId, String name, int revision, Integer latestVersion, Instant updatedAt) {
    }

    /** Page {@code page} of every editable track, by name (the id breaks ties). */
    public Page<Entry> page(int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM track").query(Long.class).single();
        if (Page.offset(page, size) >= total) {
            return new Page<>(List.of(), page, size, total);
        }
        return new Page<>(entries(size, Page.offset(page, size)), page, size, total);
    }

    private List<Entry> entries(int limit, long offset) {
        return jdbc.sql("""
                        SELECT t.id, t.name, COALESCE(d.revision, 1) AS revision,
                               (SELECT max(v.version) FROM catalog_version v WHERE v.track_id = t.id) AS latest,
                               COALESCE(d.updated_at, t.updated_at) AS updated_at
                        FROM track t LEFT JOIN track_draft d ON d.track_id = t.id
                        ORDER BY t.name, t.id LIMIT :limit OFFSET :offset""")
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Entry(rs.getString("id"), rs.getString("name"), rs.getInt("revision"),
                        (Integer) rs.getObject("latest"), rs.getTimestamp("updated_at").toInstant()))
                .list();
    }
}
