package dev.ladder.kit.messaging;

import dev.ladder.kit.metrics.LadderMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.TimestampedException;

/**
 * The one dead-letter recoverer, counting what it sent ({@link LadderMeters#DEAD_LETTERS}): both ways a record reaches
 * {@code <topic>-dlt} pass here — the error handler giving up on it, and a batch listener skipping it
 * ({@link DeadLetters}). Counted only once the broker has it (the recoverer waits for the send and throws otherwise).
 */
class CountingDeadLetterRecoverer extends DeadLetterPublishingRecoverer {

    private final MeterRegistry registry;

    CountingDeadLetterRecoverer(KafkaOperations<Object, Object> kafka, MeterRegistry registry) {
        super(kafka);
        this.registry = registry;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        super.accept(record, consumer, exception);
        LadderMeters.DEAD_LETTERS.counter(registry, LadderMeters.TOPIC, record.topic(),
                LadderMeters.REASON, reason(exception)).increment();
    }

    /**
     * The class of what went wrong, not of the container's wrappers around it: a bounded set (the code's exception
     * classes), never the message, which may name a person or carry a payload.
     */
    static String reason(Throwable exception) {
        Throwable reason = exception;
        while ((reason instanceof ListenerExecutionFailedException || reason instanceof TimestampedException)
                && reason.getCause() != null) {
            reason = reason.getCause();
        }
        return reason.getClass().getSimpleName();
    }
}
