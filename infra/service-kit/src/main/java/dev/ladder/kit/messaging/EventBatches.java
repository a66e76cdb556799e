package dev.ladder.kit.messaging;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.kit.tracing.BatchTraces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a batch listener does with a poll of CloudEvents: hands the records it applies to one call (one transaction)
 * and, when that fails, applies them one per call to find the record that fails, which it reports by its index. The
 * kit's error handler then commits the offsets before it, retries or dead-letters it, and redelivers the rest — the
 * partition keeps moving, and records applied meanwhile that come again are dropped by the caller's inbox
 * ({@link EventId}: ce_source and ce_id). An unreadable record (not deserialized — which includes one from a source
 * that may not publish it — or without ce_id or ce_source) is reported the same way, after the records before it are
 * applied. Records of a type the caller does not apply are logged and skipped.
 */
public final class EventBatches {

    private static final Logger log = LoggerFactory.getLogger(EventBatches.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(EventBatches.class);

    /** An event as it arrived: its identity (ce_source and ce_id) and the contract record. */
    public record Received<T>(EventId id, T event) {
    }

    private record Indexed<T>(int index, Received<T> received) {
    }

    /**
     * @param type     the contract type(s) the caller applies: records whose value is not one are skipped
     * @param applies  whether such an event is applied (others are skipped too)
     * @param applyAll applies events in one transaction; all of them or none
     */
    public static <T> void apply(String topic, List<ConsumerRecord<String, Object>> records, Class<T> type,
                                 Predicate<T> applies, Consumer<List<Received<T>>> applyAll) {
        apply(topic, records, type, record -> null, applies, applyAll);
    }

    /**
     * As {@link #apply(String, List, Class, Predicate, Consumer)}, with a check of each readable record as a whole
     * (key and headers with the payload): a record it refuses ({@code refusal} answers why, or null to accept) is
     * dead-lettered with that reason at once, after the records before it are applied. A check that cannot decide
     * (it throws) fails that record as a failed apply does: retried from it, then dead-lettered.
     */
    public static <T> void apply(String topic, List<ConsumerRecord<String, Object>> records, Class<T> type,
                                 Function<ConsumerRecord<String, Object>, String> refusal, Predicate<T> applies,
                                 Consumer<List<Received<T>>> applyAll) {
        apply(topic, records, type, refusal, applies, applyAll, null);
    }

    /**
     * As {@link #apply(String, List, Class, Function, Predicate, Consumer)}, but an unreadable or refused record is
     * sent to the dead-letter topic here and skipped, and the batch goes on in one transaction: a poison record costs
     * one send, not a second transaction and a fetch of the rest of the poll again. If that send fails, the record
     * fails as before (the error handler retries it). A dead letter can be sent twice when the batch around it fails
     * and is delivered again.
     *
     * @param deadLetter sends a record and its reason to the dead-letter topic (throws if it could not); null for
     *                   the behaviour of the overload without it
     */
    public static <T> void apply(String topic, List<ConsumerRecord<String, Object>> records, Class<T> type,
                                 Function<ConsumerRecord<String, Object>, String> refusal, Predicate<T> applies,
                                 Consumer<List<Received<T>>> applyAll,
                                 BiConsumer<ConsumerRecord<String, Object>, RuntimeException> deadLetter) {
        // what the batch writes to the outbox continues the trace of the record that caused it
        try (BatchTraces.Scope traces = BatchTraces.open(records)) {
            applyTraced(topic, records, type, refusal, applies, applyAll, deadLetter);
        }
    }

    private static <T> void applyTraced(String topic, List<ConsumerRecord<String, Object>> records, Class<T> type,
                                        Function<ConsumerRecord<String, Object>, String> refusal,
                                        Predicate<T> applies, Consumer<List<Received<T>>> applyAll,
                                        BiConsumer<ConsumerRecord<String, Object>, RuntimeException> deadLetter) {
        List<Indexed<T>> batch = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, Object> record = records.get(i);
            RuntimeException unreadable = unreadable(record);
            if (unreadable == null) {
                try {
                    String refused = refusal.apply(record);
                    unreadable = refused == null ? null : new InvalidEventException(refused);
                } catch (RuntimeException undecided) {
                    apply(batch, applyAll);
                    throw new BatchListenerFailedException("Could not check record", undecided, i);
                }
            }
            if (unreadable != null) {
                if (deadLettered(deadLetter, record, unreadable)) {
                    continue;
                }
                apply(batch, applyAll);
                throw new BatchListenerFailedException("Unreadable record", unreadable, i);
            }
            Object value = record.value();
            if (type.isInstance(value) && applies.test(type.cast(value))) {
                batch.add(new Indexed<>(i, new Received<>(EventId.of(record.headers()), type.cast(value))));
            } else {
                log.info("Ignoring {} on {}", value == null ? "an empty record" : value.getClass().getSimpleName(),
                        topic);
            }
        }
        apply(batch, applyAll);
    }

    private static boolean deadLettered(BiConsumer<ConsumerRecord<String, Object>, RuntimeException> deadLetter,
                                        ConsumerRecord<String, Object> record, RuntimeException reason) {
        if (deadLetter == null) {
            return false;
        }
        try {
            deadLetter.accept(record, reason);
            log.warn("Dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason.toString());
            return true;
        } catch (RuntimeException sendFailed) {
            log.warn("Could not dead-letter {}-{}@{} ({}); failing it instead", record.topic(), record.partition(),
                    record.offset(), sendFailed.toString());
            return false;
        }
    }

    private static <T> void apply(List<Indexed<T>> batch, Consumer<List<Received<T>>> applyAll) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            applyAll.accept(batch.stream().map(Indexed::received).toList());
        } catch (RuntimeException batchFailed) {
            log.warn("A batch of {} event(s) failed ({}); applying them one by one", batch.size(),
                    batchFailed.toString());
            for (Indexed<T> one : batch) {
                try {
                    applyAll.accept(List.of(one.received()));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("Could not apply " + one.received().id(), e,
                            one.index());
                }
            }
        }
        batch.clear();
    }

    /**
     * Why the record cannot be applied at all, or null: it could not be deserialized, or it has no ce_id or no
     * ce_source (an id is unique only within its source).
     */
    private static RuntimeException unreadable(ConsumerRecord<String, Object> record) {
        DeserializationException failed = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        if (failed != null) {
            return failed;
        }
        for (String attribute : new String[]{CloudEventHeaders.ID, CloudEventHeaders.SOURCE}) {
            if (EventId.text(record.headers(), attribute) == null) {
                return new IllegalArgumentException("Record without " + attribute + " header");
            }
        }
        return null;
    }

    private EventBatches() {
    }
}
