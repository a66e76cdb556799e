package dev.ladder.kit.messaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Copies the records of one partition below an offset to its end again — raw bytes, key, headers and timestamp as
 * they were — leaving out those {@code drop} matches; the caller then deletes the partition's records below the
 * offset ({@code Admin.deleteRecords}). Kafka cannot delete one record: this is how a topic nobody consumes (a
 * dead-letter topic) loses some records and keeps the others. Not for a topic with consumers: they would read the
 * copies again. In the kit because services publish only through the outbox (README, "The package rule"): these
 * are not events a service states, they are bytes moved.
 */
public final class PartitionRewrite {

    /** What a rewrite did. */
    public record Outcome(int kept, int dropped) {
    }

    private static final Duration POLL = Duration.ofMillis(500);
    /** Empty polls in a row before a partition that should still hold records counts as unreadable. */
    private static final int IDLE_POLLS = 20;

    private PartitionRewrite() {
    }

    /**
     * @param connection the Kafka client settings of the service (bootstrap servers, security)
     * @param batchSize  records read per poll (and held in memory at once)
     * @throws IllegalStateException if the partition cannot be read up to {@code end}
     */
    public static Outcome copyForward(Map<String, Object> connection, TopicPartition partition, long end,
                                      Predicate<ConsumerRecord<byte[], byte[]>> drop, int batchSize) {
        Map<String, Object> consumerProps = new HashMap<>(connection);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> producerProps = new HashMap<>(connection);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        int kept = 0;
        int dropped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps,
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            int idle = 0;
            while (consumer.position(partition) < end && idle < IDLE_POLLS) {
                List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(partition);
                idle = records.isEmpty() ? idle + 1 : 0;
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.offset() >= end) {
                        break;
                    }
                    if (drop.test(record)) {
                        dropped++;
                        continue;
                    }
                    sends.add(producer.send(new ProducerRecord<>(partition.topic(), partition.partition(),
                            record.timestamp(), record.key(), record.value(), record.headers())));
                    kept++;
                }
                for (Future<RecordMetadata> send : sends) {
                    await(send);
                }
            }
            if (consumer.position(partition) < end) {
                throw new IllegalStateException("could not read " + partition + " up to offset " + end);
            }
        }
        return new Outcome(kept, dropped);
    }

    private static void await(Future<RecordMetadata> send) {
        try {
            send.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying records", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not copy a record", e);
        }
    }
}
