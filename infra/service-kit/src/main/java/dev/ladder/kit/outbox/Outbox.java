package dev.ladder.kit.outbox;

import dev.ladder.contracts.EventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

/**
 * Records an event to publish in the caller's transaction, so the state change and the announcement of it commit
 * or roll back together. {@link OutboxRelay} publishes committed rows.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    public Outbox(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Appends an event with a fresh id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, Object event) {
        append(UUID.randomUUID().toString(), topic, key, event);
    }

    /**
     * Appends an event with an id the caller chose. A deterministic id makes re-announcing the same fact a no-op:
     * the second append of an id is ignored here, and consumers' inboxes ignore it downstream.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String eventId, String topic, String key, Object event) {
        EventType type = EventType.of(event.getClass());
        if (!type.topic().equals(topic)) {
            throw new IllegalArgumentException(type.id() + " belongs on " + type.topic() + ", not " + topic);
        }
        jdbc.sql("""
                        INSERT INTO outbox_event (event_id, topic, event_key, event_type, payload, occurred_at)
                        VALUES (:id, :topic, :key, :type, :payload, :occurredAt)
                        ON CONFLICT (event_id) DO NOTHING""")
                .param("id", eventId)
                .param("topic", topic)
                .param("key", key)
                .param("type", type.id())
                .param("payload", json.writeValueAsString(event))
                .param("occurredAt", Timestamp.from(clock.instant()))
                .update();
    }
}
