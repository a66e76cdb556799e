package dev.ladder.kit.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Sends a record to its topic's dead-letter topic ({@code <topic>-dlt}) with the reason, as the kit's error handler
 * does, and waits until the broker has it. For a batch listener that meets a record it will never apply: dead-letter
 * it and go on with the rest of the poll, instead of failing the batch at that record — which commits the records
 * before it, seeks back and fetches the rest again, a second, smaller transaction for every poison record
 * ({@link EventBatches}).
 */
public class DeadLetters {

    private final ConsumerRecordRecoverer recoverer;

    DeadLetters(ConsumerRecordRecoverer recoverer) {
        this.recoverer = recoverer;
    }

    /**
     * @param group the consumer group that gave up on it: named in the dead letter as the error handler names it
     *              (it knows the consumer; a listener does not hand it over)
     * @throws RuntimeException if the broker did not take it (the caller then fails the record instead)
     */
    public void send(ConsumerRecord<?, ?> record, Exception reason, String group) {
        record.headers().add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, group.getBytes(StandardCharsets.UTF_8));
        try {
            recoverer.accept(record, reason);
        } catch (RuntimeException failed) {
            // the error handler will dead-letter it and add the group itself
            record.headers().remove(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
            throw failed;
        }
    }
}
