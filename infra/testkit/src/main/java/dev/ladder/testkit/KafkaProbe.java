package dev.ladder.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Watches one topic from the moment it is created: every partition is assigned (no consumer group, so no
 * rebalance delays) and positioned at its current end, so only records produced later are seen.
 * <p>
 * {@link #await}, {@link #noneUpToEnd} and {@link #noneBefore} look at every record seen since creation, not only
 * the new ones, so the order of awaits does not matter. Not meant to be shared between threads (calls are
 * serialized anyway).
 * <p>
 * "Nothing was published" is never checked by watching for a while (on a slow machine that passes before the
 * record would have arrived). A negative check reads the topic up to its end offsets as of a moment after which
 * the unwanted record can no longer appear:
 * <ul>
 * <li>a producer: after a sentinel published through the same path after the act ({@link #noneBefore}), or after
 * everything that could publish it has certainly done so (its outbox relayed, its application closed) —
 * then {@link #noneUpToEnd};</li>
 * <li>a consumer ("not dead-lettered"): after its group committed past the act ({@link #awaitConsumed}; Spring
 * Kafka commits after the listener and after any dead-letter publication), then {@link #noneUpToEnd}.</li>
 * </ul>
 */
public final class KafkaProbe implements AutoCloseable {

    static final int PARTITIONS = 3;

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    /** @param client the connection settings ({@link LadderInfra#kafkaClientConfig()}) */
    KafkaProbe(Map<String, Object> client, String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
        ensureTopic(client, topic);
        Properties props = new Properties();
        props.putAll(client);
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
     * Fails if any record matching {@code unwanted} is on the topic up to its end as of this call: takes every
     * partition's end offset now, polls until this probe has read up to them, then checks every record seen since
     * the probe was created. So everything published (and acknowledged) before this call is checked, however slow
     * the machine — but nothing published later: call it once whatever could publish the unwanted record has
     * certainly done so (see the class comment).
     *
     * @throws AssertionError naming the unwanted record, or when the end cannot be read within 30 s
     */
    public synchronized void noneUpToEnd(Predicate<ConsumerRecord<String, String>> unwanted) {
        readToEnd(Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> hits = seen.stream().filter(unwanted).toList();
        if (!hits.isEmpty()) {
            throw new AssertionError("unexpected record(s) on " + topic + ": " + describe(hits));
        }
    }

    /** {@link #noneBefore(Predicate, Predicate, Duration)} with 30 s for the sentinel. */
    public ConsumerRecord<String, String> noneBefore(Predicate<ConsumerRecord<String, String>> sentinel,
                                                     Predicate<ConsumerRecord<String, String>> unwanted) {
        return noneBefore(sentinel, unwanted, Duration.ofSeconds(30));
    }

    /**
     * For "this act published nothing": the caller performs, after the act, a sentinel act that certainly publishes
     * through the same path (same producer, same key, hence same partition and order). This waits for the sentinel
     * record, then — with the topic read up to its end offsets as of that moment ({@link #noneUpToEnd}) — fails if
     * any other record seen since the probe was created matches {@code unwanted}. The sentinel record itself is
     * never unwanted. A sentinel that does not arrive fails, so the check cannot pass vacuously.
     *
     * @return the sentinel record
     * @throws AssertionError when the sentinel does not arrive in time or an unwanted record is there
     */
    public synchronized ConsumerRecord<String, String> noneBefore(Predicate<ConsumerRecord<String, String>> sentinel,
                                                                  Predicate<ConsumerRecord<String, String>> unwanted,
                                                                  Duration timeout) {
        ConsumerRecord<String, String> arrived = await(sentinel, timeout);
        noneUpToEnd(r -> r != arrived && unwanted.test(r));
        return arrived;
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

    // ----- consumer groups -------------------------------------------------------------------------------------

    /** {@link #awaitConsumed(Map, String, Collection, Duration)} for one record. */
    public static void awaitConsumed(Map<String, Object> client, String groupId, RecordMetadata act,
                                     Duration timeout) {
        awaitConsumed(client, groupId, List.of(act), timeout);
    }

    /**
     * Waits until consumer group {@code groupId} has committed, on the partition of every one of {@code acts}, an
     * offset past it. Spring Kafka commits an offset only after the listener returned for the record (its
     * transaction committed) and after a failed record was dead-lettered, so then everything the group does with
     * those records — and with every record before them on their partitions — is done and visible.
     *
     * @throws AssertionError naming the committed offsets, when the group does not get there in time
     */
    public static void awaitConsumed(Map<String, Object> client, String groupId, Collection<RecordMetadata> acts,
                                     Duration timeout) {
        Map<TopicPartition, Long> needed = new HashMap<>();
        for (RecordMetadata act : acts) {
            needed.merge(new TopicPartition(act.topic(), act.partition()), act.offset() + 1, Math::max);
        }
        AtomicReference<Map<TopicPartition, Long>> committed = new AtomicReference<>(Map.of());
        try (Admin admin = Admin.create(client)) {
            condition(timeout).until(() -> {
                committed.set(committedOffsets(admin, groupId));
                return needed.entrySet().stream()
                        .allMatch(n -> committed.get().getOrDefault(n.getKey(), -1L) >= n.getValue());
            });
        }
        catch (ConditionTimeoutException e) {
            throw new AssertionError("consumer group " + groupId + " did not commit past " + needed
                    + " (next offsets to read) within " + timeout.toMillis() + " ms; committed " + committed.get());
        }
    }

    private static Map<TopicPartition, Long> committedOffsets(Admin admin, String groupId) {
        try {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of group " + groupId, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for group " + groupId, e);
        }
    }

    /**
     * A condition wait as the probe's helpers need it: checked at once, then every 100 ms until {@code timeout}, on
     * the calling thread (a KafkaConsumer must not be used from another one); an exception the condition throws ends
     * the wait and is rethrown. Every setting is explicit, so Awaitility defaults changed by a test cannot alter it.
     */
    private static ConditionFactory condition(Duration timeout) {
        return Awaitility.await()
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .pollInSameThread()
                .ignoreNoExceptions();
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

    /** Polls until every partition's position has reached its end offset as of this call. */
    private void readToEnd(Duration timeout) {
        Set<TopicPartition> partitions = consumer.assignment();
        // read_committed: the end is the last stable offset, i.e. every committed record before this call
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, Long> behind = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long position = consumer.position(partition, Duration.ofSeconds(10));
                if (position < end.get(partition)) {
                    behind.put(partition, position);
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("could not read " + topic + " up to its end offsets " + end + " within "
                        + timeout.toMillis() + " ms; still at " + behind);
            }
            pollOnce(Duration.ofMillis(100));
        }
    }

    private List<TopicPartition> partitions(String topic) {
        AtomicReference<List<PartitionInfo>> infos = new AtomicReference<>();
        try {
            // a topic created a moment ago may not be in this broker's metadata yet: ask again
            condition(Duration.ofSeconds(30)).until(() -> {
                infos.set(consumer.partitionsFor(topic, Duration.ofSeconds(5)));
                return infos.get() != null && !infos.get().isEmpty();
            });
        }
        catch (ConditionTimeoutException e) {
            throw new IllegalStateException("topic " + topic + " has no partitions after 30 s");
        }
        return infos.get().stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /** Creates the topic like the service kit does (3 partitions) unless it exists, so its end offsets exist. */
    static void ensureTopic(Map<String, Object> client, String topic) {
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
        }
        catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e.getCause());
            }
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("creating topic " + topic + " timed out", e);
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
