package dev.ladder.kit.inbox;

import dev.ladder.kit.messaging.EventId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The idempotent-consumer half of exactly-once effects: Kafka delivers at least once, and the row inserted here in
 * the same transaction as the effect makes a second delivery a no-op.
 * <p>
 * An event is known by its source and id together ({@link EventId}): CloudEvents makes only the pair unique, and two
 * producers that number their events alike must not drop each other's. Rows written before the source was kept have
 * the source '' (V0_2): such a row still stands for its id from any source, so an event applied before the upgrade
 * and delivered again after it (a replay, a producer's retry) is not applied twice. No real source is '' — a record
 * without {@code ce_source} is dead-lettered.
 */
public class Inbox {

    private final JdbcClient jdbc;

    public Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @return true the first time this consumer sees the event (apply it), false for a redelivery (skip it)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(EventId event, String consumer) {
        return !firstDeliveries(List.of(event), consumer).isEmpty();
    }

    /**
     * The batch form of {@link #firstDelivery}: one look-up of legacy rows, one insert.
     *
     * @return the events seen for the first time (apply those); a repeated one counts once
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<EventId> firstDeliveries(Collection<EventId> events, String consumer) {
        if (events.isEmpty()) {
            return Set.of();
        }
        // Legacy rows looked up apart, in one statement for the whole batch: as an anti-join inside the INSERT, the
        // planner's guess on a young table (no statistics yet) can check each new row against the whole table,
        // which grows quadratic with a batch (Ledger.appendNew met it: polls of 30-50 s)
        Set<String> legacy = new HashSet<>(jdbc.sql("""
                        SELECT event_id FROM processed_event
                        WHERE event_source = '' AND consumer = ? AND event_id = ANY(?::text[])""")
                .params(consumer, events.stream().map(EventId::id).toArray(String[]::new))
                .query(String.class)
                .list());
        List<EventId> fresh = events.stream().filter(e -> !legacy.contains(e.id())).toList();
        if (fresh.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO processed_event (event_source, event_id, consumer)
                        SELECT DISTINCT e.source, e.id, ? FROM unnest(?::text[], ?::text[]) AS e(source, id)
                        ON CONFLICT DO NOTHING
                        RETURNING event_source, event_id""")
                .params(consumer, fresh.stream().map(EventId::source).toArray(String[]::new),
                        fresh.stream().map(EventId::id).toArray(String[]::new))
                .query((rs, n) -> new EventId(rs.getString(1), rs.getString(2)))
                .list());
    }
}
