package dev.ladder.profile.gdpr;

import dev.ladder.contracts.Topics;
import dev.ladder.kit.messaging.PartitionRewrite;
import dev.ladder.profile.gdpr.ErasureRepository.PartitionProgress;
import dev.ladder.profile.gdpr.ErasureRepository.Pending;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Deletes the topics' records about erased people (README "Personal data"). A consumer cannot delete a record, so
 * once an erasure's {@code EmployeeErased} record was published (its outbox row marked sent) the log-end offsets of
 * every partition of the topics that carry personal data ({@link #TOPICS}) and of their dead-letter topics are
 * captured in the erasure row. Then, each round, every consumer group's committed offsets are read; a partition on
 * which every group that committed there has reached the captured offset is cut there
 * ({@code Admin.deleteRecords}). All partitions, not only the key's: outside producers may partition differently.
 * This deletes other people's consumed records too — the topics are transport, Ladder's state is in the databases.
 * <p>
 * Dead-letter topics have no consumer groups: their records below the captured offset that mention no person whose
 * erasure is pending are first appended again (same partition, key, value, headers, timestamp), then the partition
 * is cut, so other people's dead letters survive. A crash between the two may leave such a dead letter twice.
 * <p>
 * The clients log in as the service's Kafka user: they connect as the service's {@code KafkaAdmin} does
 * ({@code spring.kafka.*} with {@code ladder.kafka.username/password} applied by the kit).
 */
@Component
public class TopicPurger implements SmartLifecycle {

    /** The topics whose records name people; catalog releases do not (only the publishing admin's subject). */
    static final List<String> TOPICS = List.of(Topics.EMPLOYEES, Topics.ACHIEVEMENTS, Topics.MILESTONES);

    private static final Logger log = LoggerFactory.getLogger(TopicPurger.class);
    private static final long TIMEOUT_SECONDS = 15;

    private final ErasureRepository erasures;
    private final TransactionTemplate tx;
    private final KafkaAdmin kafkaAdmin;
    private final ErasureProperties properties;
    private final Clock clock;
    private volatile ScheduledExecutorService scheduler;
    private Admin admin;

    TopicPurger(ErasureRepository erasures, TransactionTemplate tx, KafkaAdmin kafkaAdmin,
                ErasureProperties properties, Clock clock) {
        this.erasures = erasures;
        this.tx = tx;
        this.kafkaAdmin = kafkaAdmin;
        this.properties = properties;
        this.clock = clock;
    }

    /** One round over every pending erasure. */
    public synchronized void purgeOnce() {
        List<Pending> pending = erasures.pending();
        if (pending.isEmpty()) {
            return;
        }
        Set<String> everyonePending = new LinkedHashSet<>();
        for (Pending p : pending) {
            if (p.employeeId() != null) {
                everyonePending.add(p.employeeId());
            }
            if (p.subject() != null) {
                everyonePending.add(p.subject());
            }
        }
        for (Pending erasure : pending) {
            try {
                purge(erasure, everyonePending);
            } catch (RuntimeException e) {
                log.warn("Purge of erasure {} not done yet: {}", erasure.id(), e.toString());
            }
        }
    }

    private void purge(Pending erasure, Set<String> everyonePending) {
        Map<String, Long> captured = erasure.captured();
        Map<String, PartitionProgress> progress = new TreeMap<>(erasure.progress());
        if (ErasureRepository.ERASED_HERE.equals(erasure.status())) {
            var sentAt = erasures.sentAt(erasure.eventId());
            if (sentAt.isEmpty()) {
                return; // the relay has not published EmployeeErased yet
            }
            captured = endOffsets();
            for (String key : captured.keySet()) {
                progress.put(key, new PartitionProgress(false, List.of()));
            }
            Map<String, Long> capture = captured;
            tx.executeWithoutResult(s -> erasures.captured(erasure.id(), sentAt.get(), capture, progress));
            log.info("Erasure {}: captured the end offsets of {} partitions", erasure.id(), capture.size());
        }
        Map<String, Map<TopicPartition, OffsetAndMetadata>> groups = committedOffsets();
        boolean all = true;
        for (Map.Entry<String, Long> entry : captured.entrySet()) {
            PartitionProgress current = progress.get(entry.getKey());
            if (current != null && current.purged()) {
                continue;
            }
            TopicPartition partition = partition(entry.getKey());
            long offset = entry.getValue();
            if (isDeadLetter(partition.topic())) {
                if (current == null || !current.rewritten()) {
                    rewriteDeadLetters(partition, offset, everyonePending);
                    progress.put(entry.getKey(), new PartitionProgress(false, List.of(), true));
                    tx.executeWithoutResult(s -> erasures.progress(erasure.id(), progress));
                }
                deleteBefore(partition, offset);
                progress.put(entry.getKey(), new PartitionProgress(true, List.of()));
                continue;
            }
            List<String> behind = new ArrayList<>(new TreeSet<>(groups.entrySet().stream()
                    .filter(g -> g.getValue().get(partition) != null
                            && g.getValue().get(partition).offset() < offset)
                    .map(Map.Entry::getKey).toList()));
            if (behind.isEmpty()) {
                deleteBefore(partition, offset);
                progress.put(entry.getKey(), new PartitionProgress(true, List.of()));
            } else {
                progress.put(entry.getKey(), new PartitionProgress(false, behind));
                all = false;
            }
        }
        if (all) {
            tx.executeWithoutResult(s -> erasures.completed(erasure.id(), erasure.eventId(), progress, clock.instant()));
            log.info("Erasure {}: topics purged", erasure.id());
        } else {
            tx.executeWithoutResult(s -> erasures.progress(erasure.id(), progress));
        }
    }

    /** {@code "<topic>:<partition>"} → log-end offset, for every existing partition of the topics and their DLTs. */
    private Map<String, Long> endOffsets() {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : TOPICS) {
            for (String name : List.of(topic, Topics.deadLetter(topic))) {
                describe(name).ifPresent(d -> d.partitions().forEach(
                        p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            }
        }
        Map<String, Long> ends = new TreeMap<>();
        if (request.isEmpty()) {
            return ends;
        }
        Map<TopicPartition, ListOffsetsResultInfo> result = get(admin().listOffsets(request).all());
        result.forEach((tp, info) -> ends.put(tp.topic() + ":" + tp.partition(), info.offset()));
        return ends;
    }

    private java.util.Optional<TopicDescription> describe(String topic) {
        try {
            return java.util.Optional.of(admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return java.util.Optional.empty();
            }
            throw new IllegalStateException("Could not describe " + topic + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not describe " + topic + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every consumer group's committed offsets (the groups this user may describe: all of them, by its ACLs). */
    private Map<String, Map<TopicPartition, OffsetAndMetadata>> committedOffsets() {
        Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets = new HashMap<>();
        for (GroupListing group : get(admin().listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
            Map<TopicPartition, OffsetAndMetadata> committed = get(admin()
                    .listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata());
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            committed.forEach((tp, o) -> {
                if (o != null) {
                    present.put(tp, o);
                }
            });
            offsets.put(group.groupId(), present);
        }
        return offsets;
    }

    private void deleteBefore(TopicPartition partition, long offset) {
        if (offset <= 0) {
            return; // the partition was empty when captured
        }
        get(admin().deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(offset))).all());
        log.info("Deleted the records of {} before offset {}", partition, offset);
    }

    /** Appends again every record of the partition below {@code end} that mentions none of {@code erased}. */
    private void rewriteDeadLetters(TopicPartition partition, long end, Set<String> erased) {
        PartitionRewrite.Outcome outcome = PartitionRewrite.copyForward(connection(), partition, end,
                record -> mentions(record, erased), properties.batchSize());
        log.info("{}: {} dead letters of others appended again, {} about erased people dropped", partition,
                outcome.kept(), outcome.dropped());
    }

    private static boolean mentions(ConsumerRecord<byte[], byte[]> record, Set<String> erased) {
        List<String> texts = new ArrayList<>();
        texts.add(text(record.key()));
        texts.add(text(record.value()));
        for (Header header : record.headers()) {
            texts.add(text(header.value()));
        }
        return texts.stream().anyMatch(t -> erased.stream().anyMatch(t::contains));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static boolean isDeadLetter(String topic) {
        return TOPICS.stream().map(Topics::deadLetter).anyMatch(topic::equals);
    }

    private static TopicPartition partition(String key) {
        int colon = key.lastIndexOf(':');
        return new TopicPartition(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)));
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How the service's own Kafka clients connect (bootstrap servers, SASL login or TLS), as its {@code KafkaAdmin}
     * has it: {@code spring.kafka.*} with the kit's {@code ladder.kafka.username/password} applied.
     */
    private Map<String, Object> connection() {
        return new HashMap<>(kafkaAdmin.getConfigurationProperties());
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    private void round() {
        try {
            purgeOnce();
        } catch (RuntimeException e) {
            log.warn("Topic purge round failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        if (!properties.purgeEnabled()) {
            log.info("Topic purge of erasures disabled (ladder.profile.erasure.purge-enabled=false)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "erasure-topic-purge");
            t.setDaemon(true);
            return t;
        });
        long interval = properties.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::round, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdown();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
