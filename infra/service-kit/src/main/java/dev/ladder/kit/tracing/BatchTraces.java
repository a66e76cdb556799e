package dev.ladder.kit.tracing;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace contexts of the records of a batch listener's poll, by record key, while the poll is applied on this
 * thread. Spring Kafka observes record listeners only (a batch has no one parent), so the batch path links its
 * effects itself: an event the outbox records under a key of the batch (progress-service's milestones are keyed by
 * the employee, like the achievements that caused them) continues the trace of that key's latest record.
 */
public final class BatchTraces {

    private static final ThreadLocal<Map<String, TraceContext>> CURRENT = new ThreadLocal<>();

    /** Remembers the poll's contexts until {@link Scope#close()}. */
    public static Scope open(List<? extends ConsumerRecord<String, ?>> records) {
        Map<String, TraceContext> byKey = new HashMap<>();
        for (ConsumerRecord<String, ?> record : records) {
            TraceContext context = TraceContext.of(record.headers());
            if (context != null && record.key() != null) {
                byKey.put(record.key(), context); // the latest record of a key wins
            }
        }
        Map<String, TraceContext> outer = CURRENT.get();
        CURRENT.set(byKey);
        return () -> {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        };
    }

    /** The context of the current batch's latest record with this key, or null. */
    public static TraceContext forKey(String key) {
        Map<String, TraceContext> byKey = CURRENT.get();
        return byKey == null || key == null ? null : byKey.get(key);
    }

    /** Ends what {@link #open} began. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private BatchTraces() {
    }
}
