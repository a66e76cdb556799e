package dev.ladder.devstack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker is a real separate JVM; it must accept records, and keep them across a restart. */
class KafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void brokerProcessAcceptsRecordsAndKeepsThemAcrossRestarts() throws Exception {
        Map<Component, Integer> ports = Ports.resolve(Map.of(Component.KAFKA, 0, Component.KAFKA_CONTROLLER, 0));
        String classpath = Classpath.forKafka(PlatformConfig.findRepoRoot());
        Path log = dir.resolve("kafka.log");

        long pid;
        try (KafkaBroker kafka = KafkaBroker.start(dir, ports.get(Component.KAFKA),
                ports.get(Component.KAFKA_CONTROLLER), classpath, log)) {
            pid = kafka.process().pid();
            assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).contains(pid);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                RecordMetadata sent = producer.send(new ProducerRecord<>("devstack.smoke", "key", "hello"))
                        .get(30, TimeUnit.SECONDS);
                assertThat(sent.offset()).isZero();
            }
        }
        assertThat(ProcessHandle.of(pid)).as("broker stopped").isEmpty();
        assertThat(dir.resolve("data/meta.properties")).exists();

        // a restart reuses the formatted storage instead of formatting again
        try (KafkaBroker kafka = KafkaBroker.start(dir, ports.get(Component.KAFKA),
                ports.get(Component.KAFKA_CONTROLLER), classpath, log)) {
            assertThat(readAll(kafka.bootstrap(), "devstack.smoke")).containsExactly("hello");
        }
        assertThat(Files.readString(log)).containsOnlyOnce("Formatting");
    }

    private static List<String> readAll(String bootstrap, String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "devstack-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
