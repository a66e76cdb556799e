package dev.ladder.notification.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery log, read: outbound messages newest first, each with the titles it carries and every attempt — of one
 * target (a webhook endpoint, a person's e-mail) or carrying one notification.
 */
@Repository
public class DeliveryLog {

    /** Titles listed per message; {@code itemCount} says how many it carries. */
    static final int MAX_TITLES = 50;

    /** Messages of one target; a notification's: the messages carrying it (per recipient or as team news). */
    private static final String OF_TARGET = "m.channel = :channel AND m.target = :target";
    private static final String CARRYING = """
            EXISTS (SELECT 1 FROM outbound_item i WHERE i.message_id = m.id
                    AND (i.notification_key = :key OR starts_with(:key, i.notification_key || ':')))""";

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<DeliveryView> ofTarget(OutboundChannel channel, String target, int limit, long offset) {
        return read(OF_TARGET, Map.of("channel", channel.name(), "target", target), limit, offset);
    }

    @Transactional(readOnly = true)
    public long countOfTarget(OutboundChannel channel, String target) {
        return count(OF_TARGET, Map.of("channel", channel.name(), "target", target));
    }

    /**
     * Every message that carried the notification: its recipient's e-mail ({@code key} = the notification id), and
     * the team chat posts of the same news (their key is the notification id without the recipient).
     */
    @Transactional(readOnly = true)
    public List<DeliveryView> carrying(String notificationId, int limit, long offset) {
        return read(CARRYING, Map.of("key", notificationId), limit, offset);
    }

    @Transactional(readOnly = true)
    public long countCarrying(String notificationId) {
        return count(CARRYING, Map.of("key", notificationId));
    }

    private long count(String where, Map<String, ?> params) {
        return jdbc.sql("SELECT count(*) FROM outbound_message m WHERE " + where).params(params)
                .query(Long.class).single();
    }

    private List<DeliveryView> read(String where, Map<String, ?> params, int limit, long offset) {
        List<DeliveryView> messages = jdbc.sql("""
                        SELECT m.id, m.channel, m.target, m.grouping, m.status, m.created_at, m.attempts,
                               m.next_attempt_at, m.sent_at, m.last_status, m.last_error,
                               (SELECT count(*) FROM outbound_item i WHERE i.message_id = m.id) AS item_count
                        FROM outbound_message m
                        """ + "WHERE " + where + " ORDER BY m.created_at DESC, m.id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> {
                    String status = rs.getString("status");
                    boolean pending = status.equals("OPEN") || status.equals("RETRY");
                    return new DeliveryView(rs.getObject("id", UUID.class), rs.getString("channel"),
                            rs.getString("target"), rs.getString("grouping"), status, instant(rs, "created_at"),
                            rs.getInt("attempts"), pending ? instant(rs, "next_attempt_at") : null,
                            instant(rs, "sent_at"), (Integer) rs.getObject("last_status"), rs.getString("last_error"),
                            rs.getInt("item_count"), new ArrayList<>(), new ArrayList<>());
                })
                .list();
        if (messages.isEmpty()) {
            return messages;
        }
        Map<UUID, DeliveryView> byId = new LinkedHashMap<>();
        messages.forEach(m -> byId.put(m.id(), m));
        jdbc.sql("""
                        SELECT message_id, title FROM (
                            SELECT message_id, title, created_at, notification_key,
                                   row_number() OVER (PARTITION BY message_id ORDER BY created_at, notification_key) rn
                            FROM outbound_item WHERE message_id IN (:ids)) t
                        WHERE rn <= :max ORDER BY message_id, rn""")
                .param("ids", List.copyOf(byId.keySet()))
                .param("max", MAX_TITLES)
                .query((rs, row) -> byId.get(rs.getObject("message_id", UUID.class)).titles()
                        .add(rs.getString("title")))
                .list();
        jdbc.sql("""
                        SELECT message_id, attempt, started_at, finished_at, outcome, status_code, error,
                               next_attempt_at
                        FROM delivery_attempt WHERE message_id IN (:ids) ORDER BY message_id, attempt""")
                .param("ids", List.copyOf(byId.keySet()))
                .query((rs, row) -> byId.get(rs.getObject("message_id", UUID.class)).attemptLog()
                        .add(new DeliveryView.Attempt(rs.getInt("attempt"), instant(rs, "started_at"),
                                instant(rs, "finished_at"), rs.getString("outcome"),
                                (Integer) rs.getObject("status_code"), rs.getString("error"),
                                instant(rs, "next_attempt_at"))))
                .list();
        return messages.stream().map(DeliveryView::frozen).toList();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
