package dev.ladder.notification.inapp;

import dev.ladder.notification.delivery.Notification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

@Repository
class InAppNotificationRepository {

    /** The PostgreSQL channel every instance LISTENs on; the payload is the employee id whose feed changed. */
    static final String CHANNEL = "ladder_feed";

    private static final String COLUMNS = "id, seq, employee_id, kind, title, message, created_at, read_at, link";

    private final JdbcClient jdbc;

    InAppNotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the notification as the next of its recipient's feed. The recipient's {@code feed_cursor} row is locked
     * from taking the number until commit, so one recipient's sequence numbers commit in order: whoever sees number
     * n committed also sees every number below it.
     *
     * @return the sequence number; empty when a notification with this id already exists (the same event delivered
     * again), in which case the sequence is left as it was
     */
    @Transactional(propagation = Propagation.MANDATORY)
    OptionalLong insert(Notification n) {
        if (exists(n.id())) {
            return OptionalLong.empty();
        }
        long seq = jdbc.sql("""
                        INSERT INTO feed_cursor (employee_id, last_seq) VALUES (:employeeId, 1)
                        ON CONFLICT (employee_id) DO UPDATE SET last_seq = feed_cursor.last_seq + 1
                        RETURNING last_seq""")
                .param("employeeId", n.employeeId())
                .query(Long.class)
                .single();
        int inserted = jdbc.sql("""
                        INSERT INTO notification (id, seq, employee_id, kind, title, message, created_at, link)
                        VALUES (:id, :seq, :employeeId, :kind, :title, :message, :createdAt, :link)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", n.id())
                .param("seq", seq)
                .param("employeeId", n.employeeId())
                .param("kind", n.kind())
                .param("title", n.title())
                .param("message", n.message())
                .param("createdAt", Timestamp.from(n.createdAt()))
                .param("link", n.link())
                .update();
        if (inserted == 0) {
            // the same id committed by a concurrent delivery after the check above; the cursor row is still locked by
            // this transaction, so nobody took a number after this one: give it back
            jdbc.sql("UPDATE feed_cursor SET last_seq = last_seq - 1 WHERE employee_id = :employeeId")
                    .param("employeeId", n.employeeId())
                    .update();
            return OptionalLong.empty();
        }
        return OptionalLong.of(seq);
    }

    private boolean exists(String id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM notification WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /**
     * Tells every instance (each LISTENs on {@link #CHANNEL}) that the employee's feed changed. PostgreSQL delivers it
     * at commit, and not at all on rollback; the same employee notified twice in one transaction is one notification.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void announce(String employeeId) {
        jdbc.sql("SELECT pg_notify('" + CHANNEL + "', :employeeId)")
                .param("employeeId", employeeId)
                .query((rs, row) -> Boolean.TRUE)
                .list();
    }

    /**
     * One page of an employee's feed, newest first (by when it happened, then id). {@code before}: the {@code seq}
     * of the last item of the previous page; the page continues after that item (nothing when no such item is the
     * employee's).
     */
    List<InAppNotification> page(String employeeId, boolean unreadOnly, Long before, int limit) {
        String after = before == null ? "" : """
                AND (created_at, id) < (SELECT b.created_at, b.id FROM notification b
                                        WHERE b.employee_id = :employeeId AND b.seq = :before)""";
        JdbcClient.StatementSpec sql = jdbc.sql("SELECT " + COLUMNS + """
                         FROM notification
                        WHERE employee_id = :employeeId AND (NOT :unreadOnly OR read_at IS NULL)
                        """ + after + """
                         ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("employeeId", employeeId)
                .param("unreadOnly", unreadOnly)
                .param("limit", limit);
        if (before != null) {
            sql = sql.param("before", before);
        }
        return sql.query(InAppNotificationRepository::map).list();
    }

    long count(String employeeId, boolean unreadOnly) {
        return jdbc.sql("""
                        SELECT count(*) FROM notification
                        WHERE employee_id = :employeeId AND (NOT :unreadOnly OR read_at IS NULL)""")
                .param("employeeId", employeeId)
                .param("unreadOnly", unreadOnly)
                .query(Long.class)
                .single();
    }

    /** The employee's notifications after {@code seq}, in feed order, at most {@code limit}. */
    List<InAppNotification> since(String employeeId, long seq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM notification
                        WHERE employee_id = :employeeId AND seq > :seq
                        ORDER BY seq
                        LIMIT :limit""")
                .param("employeeId", employeeId)
                .param("seq", seq)
                .param("limit", limit)
                .query(InAppNotificationRepository::map)
                .list();
    }

    /** The newest committed sequence number of the employee's feed; 0 before the first notification. */
    long lastSeq(String employeeId) {
        return jdbc.sql("SELECT last_seq FROM feed_cursor WHERE employee_id = :employeeId")
                .param("employeeId", employeeId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /**
     * Marks read only if the notification belongs to the employee; keeps the first read time on repeats.
     *
     * @return false when no such notification exists for this employee
     */
    boolean markRead(String id, String employeeId, Instant now) {
        return jdbc.sql("""
                        UPDATE notification SET read_at = COALESCE(read_at, :now)
                        WHERE id = :id AND employee_id = :employeeId""")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("employeeId", employeeId)
                .update() == 1;
    }

    /** Marks every unread notification of the employee up to {@code upTo} (a seq) read; returns how many. */
    int markAllRead(String employeeId, long upTo, Instant now) {
        return jdbc.sql("""
                        UPDATE notification SET read_at = :now
                        WHERE employee_id = :employeeId AND read_at IS NULL AND seq <= :upTo""")
                .param("now", Timestamp.from(now))
                .param("employeeId", employeeId)
                .param("upTo", upTo)
                .update();
    }

    private static InAppNotification map(ResultSet rs, int row) throws SQLException {
        Timestamp readAt = rs.getTimestamp("read_at");
        return new InAppNotification(rs.getString("id"), rs.getLong("seq"), rs.getString("employee_id"),
                rs.getString("kind"), rs.getString("title"), rs.getString("message"),
                rs.getTimestamp("created_at").toInstant(), readAt == null ? null : readAt.toInstant(),
                rs.getString("link"));
    }
}
