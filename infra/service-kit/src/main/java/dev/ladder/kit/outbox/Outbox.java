package dev.ladder.kit.outbox;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.LadderEvent;
import dev.ladder.kit.tracing.BatchTraces;
import dev.ladder.kit.tracing.TraceContext;
import dev.ladder.kit.tracing.Traces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Records an event to publish in the caller's transaction, so the state change and the announcement of it commit
 * or roll back together. {@link OutboxRelay} publishes committed rows.
 * <p>
 * Each row keeps the trace context it was written in, so the published record continues the trace of the request
 * or record that caused it: in a batch listener's poll, that of the poll's latest record with the same key
 * ({@link BatchTraces}); elsewhere the current span's.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Traces traces;

    public Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, Traces traces) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.traces = traces;
    }

    /** Appends an event with a fresh id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, LadderEvent event) {
        append(UUID.randomUUID().toString(), topic, key, event);
    }

    /**
     * Appends an event with an id the caller chose. A deterministic id makes re-announcing the same fact a no-op:
     * the second append of an id is ignored here, and consumers' inboxes ignore it downstream.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String eventId, String topic, String key, LadderEvent event) {
        appendAll(List.of(new Message(eventId, topic, key, event)));
    }

    /** An event to publish: its id, topic, record key and the contract record. */
    public record Message(String eventId, String topic, String key, LadderEvent event) {
    }

    /** {@link #append(String, String, String, LadderEvent)} for many events, in one statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        int n = messages.size();
        String[] ids = new String[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        String[] traceParents = new String[n];
        String[] traceStates = new String[n];
        TraceContext current = traces.current();
        for (int i = 0; i < n; i++) {
            Message message = messages.get(i);
            EventType type = EventType.of(message.event().getClass());
            if (!type.topic().equals(message.topic())) {
                throw new IllegalArgumentException(type.id() + " belongs on " + type.topic() + ", not "
                        + message.topic());
            }
            ids[i] = message.eventId();
            topics[i] = message.topic();
            keys[i] = message.key();
            types[i] = type.id();
            payloads[i] = json.writeValueAsString(message.event());
            TraceContext batch = BatchTraces.forKey(message.key());
            TraceContext trace = batch != null ? batch : current;
            traceParents[i] = trace == null ? null : trace.traceparent();
            traceStates[i] = trace == null ? null : trace.tracestate();
        }
        // WITH ORDINALITY + ORDER BY: rows get their seq (the relay's publishing order) in list order
        jdbc.sql("""
                        INSERT INTO outbox_event (event_id, topic, event_key, event_type, payload, occurred_at,
                                                  trace_parent, trace_state)
                        SELECT id, topic, key, type, payload, ?::timestamptz, trace_parent, trace_state
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                             WITH ORDINALITY AS x(id, topic, key, type, payload, trace_parent, trace_state, n)
                        ORDER BY n
                        ON CONFLICT (event_id) DO NOTHING""")
                .params(Timestamp.from(clock.instant()), ids, topics, keys, types, payloads, traceParents,
                        traceStates)
                .update();
    }
}
