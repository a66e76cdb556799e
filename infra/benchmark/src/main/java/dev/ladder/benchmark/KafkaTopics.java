package dev.ladder.benchmark;

import dev.ladder.devstack.Platform;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the broker says: a consumer group's committed offsets against a topic's end offsets (its lag, as the Admin
 * API reports it to any operator), and every record of a topic read from the start.
 */
final class KafkaTopics {

    /** Sums over the topic's partitions; a partition the group never committed on counts as 0. */
    record Offsets(long committed, long end) {
        long lag() {
            return end - committed;
        }
    }

    /**
     * A backlog drained: records handled by the first commit seen, when that commit was seen and when the lag was 0
     * (nanoTime), and the longest time between two commits that moved the group on.
     */
    record Drain(long firstCommit, long began, long ended, long longestPause) {
    }

    private static final Duration POLL = Duration.ofMillis(100);

    /** The broker's address and a login (the devstack's broker lets nobody in without one). */
    private final Supplier<Map<String, Object>> client;

    KafkaTopics(Supplier<Map<String, Object>> client) {
        this.client = client;
    }

    Offsets offsets(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            return offsets(admin, group, topic);
        }
    }

    /** Polls the lag every 100 ms until it is 0; returns when it was first seen 0 (nanoTime). */
    long awaitLagZero(String group, String topic, Duration timeout, Platform platform) throws Exception {
        return drain(group, topic, -1, timeout, platform).ended();
    }

    /** Polls the group's offsets every 100 ms from {@code committedBefore} until the lag is 0. */
    Drain drain(String group, String topic, long committedBefore, Duration timeout, Platform platform)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long began = 0;
        long firstCommit = 0;
        long lastMove = 0;
        long longestPause = 0;
        long committed = committedBefore;
        try (Admin admin = admin()) {
            while (true) {
                FaultInjection.failIfSomethingDied(platform);
                Offsets now = offsets(admin, group, topic);
                long at = System.nanoTime();
                if (now.committed() != committed) {
                    if (began == 0) {
                        began = at;
                        firstCommit = now.committed() - Math.max(committedBefore, 0);
                    } else {
                        longestPause = Math.max(longestPause, at - lastMove);
                    }
                    lastMove = at;
                    committed = now.committed();
                }
                if (now.lag() == 0) {
                    return new Drain(firstCommit, began == 0 ? at : began, at, longestPause);
                }
                if (at > deadline) {
                    throw new IllegalStateException(group + " still " + now.lag() + " records behind on " + topic
                            + " after " + timeout.toMinutes() + " min");
                }
                Thread.sleep(POLL.toMillis()); // polling the broker with a deadline
            }
        }
    }

    /** Every record of the topic from its first offset to its end offsets as of now. */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        Map<String, Object> config = new java.util.HashMap<>(client.get());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Every consumer group's lag on every partition it has committed on, by group (what an operator's lag alert
     * sums): records on the broker that the group has not yet handled.
     */
    Map<String, Long> lagOfEveryGroup() throws Exception {
        try (Admin admin = admin()) {
            Map<String, Long> lag = new java.util.TreeMap<>();
            for (var group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                committed.values().removeIf(java.util.Objects::isNull);
                if (committed.isEmpty()) {
                    continue;
                }
                var ends = admin.listOffsets(committed.keySet().stream().collect(java.util.stream.Collectors.toMap(
                        Function.identity(), p -> OffsetSpec.latest()))).all().get();
                lag.put(group.groupId(), committed.entrySet().stream()
                        .mapToLong(e -> ends.get(e.getKey()).offset() - e.getValue().offset()).sum());
            }
            return lag;
        }
    }

    private Admin admin() {
        return Admin.create(client.get());
    }

    private static Offsets offsets(Admin admin, String group, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long end = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(
                Function.identity(), p -> OffsetSpec.latest()))).all().get().values().stream()
                .mapToLong(info -> info.offset()).sum();
        long at = partitions.stream().map(committed::get).mapToLong(o -> o == null ? 0 : o.offset()).sum();
        return new Offsets(at, end);
    }
}
