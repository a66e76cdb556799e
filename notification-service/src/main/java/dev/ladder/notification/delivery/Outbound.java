package dev.ladder.notification.delivery;

import dev.ladder.kit.tracing.TraceContext;
import dev.ladder.kit.tracing.Traces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The outbound messages: queued inside the transaction that consumes an event, claimed and settled by the sender in
 * transactions of their own (README, "Notifications → Delivery").
 */
@Repository
public class Outbound {

    private final JdbcClient jdbc;
    private final Traces traces;

    Outbound(JdbcClient jdbc, Traces traces) {
        this.jdbc = jdbc;
        this.traces = traces;
    }

    /**
     * Adds the item to the target's open message of that grouping (created when there is none, due at {@code due};
     * an earlier {@code due} brings an open one forward). Nothing happens when the target already has an item with
     * the same key on this channel: an event consumed twice sends nothing twice.
     *
     * @return whether the item was queued
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(OutboundChannel channel, String target, Grouping grouping, Instant due, Instant now,
                           OutboundItem item) {
        boolean known = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM outbound_item
                                       WHERE channel = :channel AND target = :target AND notification_key = :key)""")
                .param("channel", channel.name())
                .param("target", target)
                .param("key", item.key())
                .query(Boolean.class)
                .single();
        if (known) {
            return false;
        }
        TraceContext trace = traces.current();
        UUID messageId = jdbc.sql("""
                        INSERT INTO outbound_message (id, channel, target, grouping, status, created_at, next_attempt_at)
                        VALUES (:id, :channel, :target, :grouping, 'OPEN', :now, :due)
                        ON CONFLICT (channel, target, grouping) WHERE status = 'OPEN'
                        DO UPDATE SET next_attempt_at = LEAST(outbound_message.next_attempt_at, EXCLUDED.next_attempt_at)
                        RETURNING id""")
                .param("id", UUID.randomUUID())
                .param("channel", channel.name())
                .param("target", target)
                .param("grouping", grouping.name())
                .param("now", Timestamp.from(now))
                .param("due", Timestamp.from(due))
                .query(UUID.class)
                .single();
        return jdbc.sql("""
                        INSERT INTO outbound_item (channel, target, notification_key, message_id, kind, title, message,
                                                   link, created_at, trace_parent, trace_state)
                        VALUES (:channel, :target, :key, :messageId, :kind, :title, :message, :link, :createdAt,
                                :traceParent, :traceState)
                        ON CONFLICT DO NOTHING""")
                .param("channel", channel.name())
                .param("target", target)
                .param("key", item.key())
                .param("messageId", messageId)
                .param("kind", item.kind())
                .param("title", item.title())
                .param("message", item.message())
                .param("link", item.link())
                .param("createdAt", Timestamp.from(item.createdAt()))
                // the trace of the event being consumed: the send, later and elsewhere, continues it
                .param("traceParent", trace == null ? null : trace.traceparent())
                .param("traceState", trace == null ? null : trace.tracestate())
                .update() == 1;
    }

    /**
     * Claims due messages — open ones whose time came, retries whose wait is over, and messages whose sender's lease
     * ran out (it crashed mid-send) — for {@code lease}. Skips rows another transaction holds (a consumer adding an
     * item, another sender claiming), so instances never claim the same message.
     */
    @Transactional
    public List<OutboundMessage> claim(Instant now, Instant leaseUntil, int limit) {
        List<Claimed> claimed = jdbc.sql("""
                        UPDATE outbound_message m SET status = 'SENDING', lease_until = :leaseUntil,
                                                      attempts = m.attempts + 1
                        WHERE m.id IN (SELECT id FROM outbound_message
                                       WHERE (status IN ('OPEN', 'RETRY') AND next_attempt_at <= :now)
                                          OR (status = 'SENDING' AND lease_until < :now)
                                       ORDER BY next_attempt_at
                                       LIMIT :limit
                                       FOR UPDATE SKIP LOCKED)
                        RETURNING m.id, m.channel, m.target, m.grouping, m.attempts, m.created_at""")
                .param("now", Timestamp.from(now))
                .param("leaseUntil", Timestamp.from(leaseUntil))
                .param("limit", limit)
                .query(Outbound::claimed)
                .list();
        if (claimed.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<OutboundItem>> items = jdbc.sql("""
                        SELECT message_id, notification_key, kind, title, message, link, created_at
                        FROM outbound_item WHERE message_id = ANY(:ids)
                        ORDER BY created_at, notification_key""")
                .param("ids", claimed.stream().map(Claimed::id).toArray(UUID[]::new))
                .query((rs, row) -> Map.entry(rs.getObject("message_id", UUID.class),
                        new OutboundItem(rs.getString("notification_key"), rs.getString("kind"),
                                rs.getString("title"), rs.getString("message"), rs.getString("link"),
                                rs.getTimestamp("created_at").toInstant())))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        // a grouped message continues the trace of its latest item's event
        Map<UUID, TraceContext> traces = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (message_id) message_id, trace_parent, trace_state
                        FROM outbound_item WHERE message_id = ANY(:ids) AND trace_parent IS NOT NULL
                        ORDER BY message_id, created_at DESC, notification_key DESC""")
                .param("ids", claimed.stream().map(Claimed::id).toArray(UUID[]::new))
                .query(rs -> {
                    traces.put(rs.getObject("message_id", UUID.class),
                            new TraceContext(rs.getString("trace_parent"), rs.getString("trace_state")));
                });
        return claimed.stream()
                .map(c -> new OutboundMessage(c.id(), c.channel(), c.target(), c.grouping(), c.attempts(),
                        c.createdAt(), items.getOrDefault(c.id(), List.of()), traces.get(c.id())))
                .toList();
    }

    /**
     * Records an attempt and the message's new state — only if this sender still owns the attempt (a sender whose
     * lease ran out and was taken over records nothing).
     *
     * @param next null: no further attempt ({@code status} is final)
     * @return whether the attempt was still this sender's
     */
    @Transactional
    public boolean settle(OutboundMessage message, Instant startedAt, Instant now, SendOutcome outcome,
                          String status, Instant next) {
        int updated = jdbc.sql("""
                        UPDATE outbound_message
                        SET status = :status, lease_until = NULL, last_status = :code, last_error = :error,
                            sent_at = CASE WHEN :status = 'SENT' THEN CAST(:now AS TIMESTAMPTZ) ELSE sent_at END,
                            next_attempt_at = COALESCE(CAST(:next AS TIMESTAMPTZ), next_attempt_at)
                        WHERE id = :id AND status = 'SENDING' AND attempts = :attempt""")
                .param("status", status)
                .param("code", outcome.status())
                .param("error", outcome.error())
                .param("now", Timestamp.from(now))
                .param("next", next == null ? null : Timestamp.from(next))
                .param("id", message.id())
                .param("attempt", message.attempt())
                .update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("""
                        INSERT INTO delivery_attempt (message_id, attempt, started_at, finished_at, outcome,
                                                      status_code, error, next_attempt_at)
                        VALUES (:id, :attempt, :startedAt, :now, :outcome, :code, :error, :next)
                        ON CONFLICT DO NOTHING""")
                .param("id", message.id())
                .param("attempt", message.attempt())
                .param("startedAt", Timestamp.from(startedAt))
                .param("now", Timestamp.from(now))
                .param("outcome", outcomeName(outcome))
                .param("code", outcome.status())
                .param("error", outcome.error())
                .param("next", next == null ? null : Timestamp.from(next))
                .update();
        return true;
    }

    /** A claimed message with nothing in it (its only item was a duplicate that raced in): nothing to send. */
    @Transactional
    public void cancel(OutboundMessage message) {
        jdbc.sql("UPDATE outbound_message SET status = 'CANCELLED', lease_until = NULL WHERE id = :id AND status = 'SENDING'")
                .param("id", message.id())
                .update();
    }

    private static String outcomeName(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Delivered) {
            return "DELIVERED";
        }
        if (outcome instanceof SendOutcome.Retry) {
            return "RETRY";
        }
        return outcome instanceof SendOutcome.Gone ? "GONE" : "FAILED";
    }

    private record Claimed(UUID id, OutboundChannel channel, String target, Grouping grouping, int attempts,
                           Instant createdAt) {
    }

    private static Claimed claimed(ResultSet rs, int row) throws SQLException {
        return new Claimed(rs.getObject("id", UUID.class), OutboundChannel.valueOf(rs.getString("channel")),
                rs.getString("target"), Grouping.valueOf(rs.getString("grouping")), rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant());
    }
}
