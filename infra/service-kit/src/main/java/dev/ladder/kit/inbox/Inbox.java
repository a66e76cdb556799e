package dev.ladder.kit.inbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The idempotent-consumer half of exactly-once effects: Kafka delivers at least once, and the row inserted here in
 * the same transaction as the effect makes a second delivery a no-op.
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
    public boolean firstDelivery(String eventId, String consumer) {
        return jdbc.sql("""
                        INSERT INTO processed_event (event_id, consumer) VALUES (:id, :consumer)
                        ON CONFLICT DO NOTHING""")
                .param("id", eventId)
                .param("consumer", consumer)
                .update() == 1;
    }

    /**
     * The batch form of {@link #firstDelivery}, in one statement.
     *
     * @return the ids seen for the first time (apply those events); a repeated id counts once
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> firstDeliveries(Collection<String> eventIds, String consumer) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO processed_event (event_id, consumer)
                        SELECT DISTINCT id, ? FROM unnest(?::text[]) AS id
                        ON CONFLICT DO NOTHING
                        RETURNING event_id""")
                .params(consumer, eventIds.toArray(String[]::new))
                .query(String.class)
                .list());
    }
}
