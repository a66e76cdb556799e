package dev.ladder.notification.inapp;

import dev.ladder.notification.delivery.Notification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

@Repository
class InAppNotificationRepository {

    private final JdbcClient jdbc;

    InAppNotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when a notification with this id already exists (the same event delivered again) */
    boolean insert(Notification n) {
        return jdbc.sql("""
                        INSERT INTO notification (id, employee_id, kind, title, message, created_at, link)
                        VALUES (:id, :employeeId, :kind, :title, :message, :createdAt, :link)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", n.id())
                .param("employeeId", n.employeeId())
                .param("kind", n.kind())
                .param("title", n.title())
                .param("message", n.message())
                .param("createdAt", Timestamp.from(n.createdAt()))
                .param("link", n.link())
                .update() == 1;
    }

    List<InAppNotification> findByEmployee(String employeeId, boolean unreadOnly) {
        return jdbc.sql("""
                        SELECT id, employee_id, kind, title, message, created_at, read_at, link
                        FROM notification
                        WHERE employee_id = :employeeId AND (NOT :unreadOnly OR read_at IS NULL)
                        ORDER BY created_at DESC, id DESC""")
                .param("employeeId", employeeId)
                .param("unreadOnly", unreadOnly)
                .query(InAppNotificationRepository::map)
                .list();
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

    private static InAppNotification map(ResultSet rs, int row) throws SQLException {
        Timestamp readAt = rs.getTimestamp("read_at");
        return new InAppNotification(rs.getString("id"), rs.getString("employee_id"), rs.getString("kind"),
                rs.getString("title"), rs.getString("message"), rs.getTimestamp("created_at").toInstant(),
                readAt == null ? null : readAt.toInstant(), rs.getString("link"));
    }
}
