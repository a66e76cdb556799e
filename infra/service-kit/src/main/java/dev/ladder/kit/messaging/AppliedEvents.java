package dev.ladder.kit.messaging;

import dev.ladder.kit.metrics.LadderMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Counts the events every listener of the service finished with ({@link LadderMeters#APPLIED}), without a line in
 * the listeners: Boot hands these interceptors to every container factory its configurer sets up (record and batch
 * listeners alike). The container calls {@code success} after the listener returned, that is after its transaction
 * committed. Not counted: a record without a value (unreadable, or a type the service skips), and a record a batch
 * listener dead-lettered on its way ({@link DeadLetters} marks it with the consumer group header). When a batch fails
 * at one record, the records before it are committed without {@code success} and go uncounted (the error handler's
 * path, rare).
 * <p>
 * The type tag is the contract record's simple name: the deserializer produces nothing else, so the values are
 * bounded by the contracts module.
 */
class AppliedEvents implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

    private final MeterRegistry registry;

    AppliedEvents(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                    Consumer<Object, Object> consumer) {
        return record;
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                                                     Consumer<Object, Object> consumer) {
        return records;
    }

    @Override
    public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        count(record, consumer.groupMetadata().groupId());
    }

    @Override
    public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        String group = consumer.groupMetadata().groupId();
        records.forEach(record -> count(record, group));
    }

    private void count(ConsumerRecord<Object, Object> record, String group) {
        if (record.value() == null || record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP) != null) {
            return;
        }
        LadderMeters.APPLIED.counter(registry, LadderMeters.TOPIC, record.topic(), LadderMeters.GROUP, group,
                LadderMeters.TYPE, record.value().getClass().getSimpleName()).increment();
    }
}
