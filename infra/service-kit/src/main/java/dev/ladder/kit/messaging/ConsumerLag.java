package dev.ladder.kit.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a consumer group has handled everything published to a topic so far: for a consumer that must not judge an
 * event on one topic before it has applied what another topic said first (Kafka orders records only within a
 * partition). Asks the broker (committed offsets against end offsets), so it holds across instances of a service.
 * The admin client is made on first use: services that never ask open no connection for it. The same figure is the
 * {@link dev.ladder.kit.metrics.LadderMeters#CONSUMER_LAG} gauge ({@link ConsumerLagMeters}).
 */
public class ConsumerLag implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    private static final long REQUEST_TIMEOUT_SECONDS = 10;
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaAdmin kafkaAdmin;
    private Admin admin;

    public ConsumerLag(KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
    }

    /**
     * @return true when the group's committed offset is at the end of every partition of the topic (a partition it
     * never committed on counts from its first record), or the topic does not exist
     */
    public boolean caughtUp(String groupId, String topic) {
        return lag(groupId, topic) == 0;
    }

    /**
     * @return how many records of the topic the group has not committed yet, over all its partitions (a partition it
     * never committed on counts from its first record); 0 when the topic does not exist
     * @throws IllegalStateException when the broker did not answer in time
     */
    public long lag(String groupId, String topic) {
        try {
            Admin client = admin();
            List<TopicPartition> partitions = client.describeTopics(List.of(topic)).allTopicNames()
                    .get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(client, partitions, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(client, partitions, OffsetSpec.earliest());
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata position = committed.get(partition);
                long at = position != null ? position.offset() : starts.get(partition).offset();
                lag += Math.max(0, ends.get(partition).offset() - at);
            }
            return lag;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0; // nothing was ever published to it
            }
            throw new IllegalStateException("Could not read the offsets of " + topic + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not read the offsets of " + topic + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until {@link #caughtUp}, at most {@code timeout}; a broker that cannot answer counts as not caught up.
     *
     * @return whether the group caught up in time
     */
    public boolean awaitCaughtUp(String groupId, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (caughtUp(groupId, topic)) {
                    return true;
                }
            } catch (IllegalStateException e) {
                log.warn("{}; trying again", e.getMessage());
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin client, List<TopicPartition> partitions,
                                                                      OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        return client.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all().get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
