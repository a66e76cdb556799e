package dev.ladder.catalog.audit;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Table catalog_audit: who imported, edited or published what and when. Written in the change's transaction. */
@Repository
public class AuditLog {

    /** {@code DRAFT_DISCARD}: the draft was reset to the latest published version (its unpublished edits dropped). */
    public enum Action { IMPORT, DRAFT_UPDATE, DRAFT_DISCARD, PUBLISH }

    /** Who did it: the token subject and username, or {@link #SYSTEM} for the seed. */
    public record Actor(String id, String username) {
        public static final Actor SYSTEM = new Actor("system", "seed");

        /** The signed-in caller of a request (e.g. {@code Caller.current()}) as recorded in the trail. */
        public static Actor of(Caller caller) {
            return new Actor(caller.id(), caller.username());
        }
    }

    public record Entry(long id, String trackId, Action action, Actor actor, Integer revision, Integer version,
                        String detail, Instant at) {
    }

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String trackId, Action action, Actor actor, Integer revision, Integer version,
                       String detail) {
        jdbc.sql("""
                        INSERT INTO catalog_audit
                            (track_id, action, actor_id, actor_username, revision, version, detail)
                        VALUES (:track, :action, :actorId, :username, :revision, :version, :detail)""")
                .param("track", trackId).param("action", action.name()).param("actorId", actor.id())
                .param("username", actor.username()).param("revision", revision).param("version", version)
                .param("detail", detail).update();
    }

    /** Page {@code page} of the track's trail, oldest first (by id: unique, in the order the changes committed). */
    public Page<Entry> history(String trackId, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM catalog_audit WHERE track_id = :track")
                .param("track", trackId).query(Long.class).single();
        if (Page.offset(page, size) >= total) {
            return new Page<>(List.of(), page, size, total);
        }
        return new Page<>(entries(trackId, size, Page.offset(page, size)), page, size, total);
    }

    private List<Entry> entries(String trackId, int limit, long offset) {
        return jdbc.sql("""
                        SELECT id, track_id, action, actor_id, actor_username, revision, version, detail, at
                        FROM catalog_audit WHERE track_id = :track ORDER BY id LIMIT :limit OFFSET :offset""")
                .param("track", trackId).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("track_id"),
                        Action.valueOf(rs.getString("action")),
                        new Actor(rs.getString("actor_id"), rs.getString("actor_username")),
                        rs.getObject("revision", Integer.class), rs.getObject("version", Integer.class),
                        rs.getString("detail"), rs.getObject("at", Timestamp.class).toInstant()))
                .list();
    }
}
