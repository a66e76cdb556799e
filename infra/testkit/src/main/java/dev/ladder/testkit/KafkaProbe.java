package dev.ladder.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches one topic from the moment it is created: every partition is assigned (no consumer group, so no
 * rebalance delays) and positioned at its current end, so only records produced later are seen.
 * <p>
 * {@link #await} and {@link #none} look at every record seen since creation, not only the new ones, so the
 * order of awaits does not matter. Not meant to be shared between threads (calls are serialized anyway).
 */
public final class KafkaProbe implements AutoCloseable {

    static final int PARTITIONS = 3;

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    KafkaProbe(String bootstrap, String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
        ensureTopic(bootstrap, topic);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ladder-probe-" + topic);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        try {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: asking for the position pins "the end" to now rather than to the first poll
            partitions.forEach(consumer::position);
        }
        catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    public String topic() {
        return topic;
    }

    /** {@link #await(Predicate, Duration)} with 30 s. */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> matching) {
        return await(matching, Duration.ofSeconds(30));
    }

    /**
     * The first record (since this probe was created) matching; polls until one arrives.
     *
     * @throws AssertionError naming what was seen instead, when none arrives in time
     */
    public synchronized ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> matching,
                                                             Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < seen.size(); checked++) {
                if (matching.test(seen.get(checked))) {
                    return seen.get(checked);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching record on " + topic + " within " + timeout.toMillis()
                        + " ms; seen " + describe(seen));
            }
            pollOnce(Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200))));
        }
    }

    /**
     * Keeps polling for {@code during} and fails if any record (since this probe was created) matches — for
     * "this must NOT be published" checks, e.g. a duplicate delivery that must stay without effect.
     */
    public synchronized void none(Predicate<ConsumerRecord<String, String>> matching, Duration during) {
        long deadline = System.nanoTime() + during.toNanos();
        while (true) {
            Optional<ConsumerRecord<String, String>> hit = seen.stream().filter(matching).findFirst();
            if (hit.isPresent()) {
                throw new AssertionError("unexpected record on " + topic + ": " + describe(List.of(hit.get())));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            pollOnce(Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200))));
        }
    }

    /** Everything seen so far (after a short poll), oldest first per partition. */
    public synchronized List<ConsumerRecord<String, String>> records() {
        pollOnce(Duration.ofMillis(100));
        return List.copyOf(seen);
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    // ----- helpers for predicates and assertions ------------------------------------------------------------

    public static Predicate<ConsumerRecord<String, String>> hasKey(String key) {
        return r -> Objects.equals(r.key(), key);
    }

    public static Predicate<ConsumerRecord<String, String>> hasHeader(String name, String value) {
        return r -> Objects.equals(header(r, name), value);
    }

    /** The last header of that name as UTF-8 text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** All headers as UTF-8 text (last one wins for repeated names), in record order. */
    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    // ---------------------------------------------------------------------------------------------------------

    private void pollOnce(Duration timeout) {
        consumer.poll(timeout).forEach(seen::add);
    }

    private List<TopicPartition> partitions(String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            // a topic created a moment ago may not be in this broker's metadata yet: ask again
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
        }
        throw new IllegalStateException("topic " + topic + " has no partitions after 30 s");
    }

    /** Creates the topic like the service kit does (3 partitions) unless it exists, so its end offsets exist. */
    static void ensureTopic(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
        }
        catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + " on " + bootstrap, e.getCause());
            }
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("creating topic " + topic + " on " + bootstrap + " timed out", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    private static String describe(List<ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return "nothing";
        }
        return records.size() + " record(s):" + records.stream()
                .map(r -> "\n  p" + r.partition() + "@" + r.offset() + " key=" + r.key() + " headers=" + headers(r)
                        + " value=" + abbreviate(r.value()))
                .collect(Collectors.joining());
    }

    private static String abbreviate(String value) {
        return value == null || value.length() <= 300 ? value : value.substring(0, 300) + "…";
    }
}
