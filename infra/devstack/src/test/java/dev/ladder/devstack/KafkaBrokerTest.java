package dev.ladder.devstack;

import dev.ladder.contracts.Topics;
import dev.ladder.kafka.KafkaAcls;
import dev.ladder.kafka.KafkaAcls.User;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker is a real separate JVM that requires SASL/SCRAM and enforces {@link KafkaAcls}: nobody gets in without
 * a credential, and each user can do what the table grants and nothing else.
 */
class KafkaBrokerTest {

    private static KafkaBroker kafka;

    @BeforeAll
    static void startBroker(@TempDir Path dir) {
        Map<Component, Integer> ports = Ports.resolve(Map.of(Component.KAFKA, 0, Component.KAFKA_CONTROLLER, 0));
        kafka = KafkaBroker.start(dir, ports.get(Component.KAFKA), ports.get(Component.KAFKA_CONTROLLER),
                Classpath.forKafka(PlatformConfig.findRepoRoot()), dir.resolve("kafka.log"));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aClientWithoutCredentialsCannotProduceOrConsume() {
        Map<String, Object> anonymous = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());

        assertThat(sendFailure(anonymous, Topics.ACHIEVEMENTS)).isInstanceOf(TimeoutException.class);
        try (KafkaConsumer<String, String> consumer = consumer(anonymous, "progress-anonymous")) {
            assertThat(failure(() -> consumer.listTopics(Duration.ofSeconds(3)))).isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> wrong = KafkaAcls.clientConfig(kafka.bootstrap(), User.LMS_ACME_ACADEMY.username(),
                "not-" + User.LMS_ACME_ACADEMY.localPassword());

        assertThat(causes(sendFailure(wrong, Topics.ACHIEVEMENTS))).hasAtLeastOneElementOfType(
                SaslAuthenticationException.class);
        // nor does the super user's name help
        Map<String, Object> admin = KafkaAcls.clientConfig(kafka.bootstrap(), User.ADMIN.username(), "guess");
        assertThat(causes(sendFailure(admin, Topics.MILESTONES))).hasAtLeastOneElementOfType(
                SaslAuthenticationException.class);
    }

    @Test
    void theLmsWritesAchievementsAndNothingElse() throws Exception {
        Map<String, Object> lms = client(User.LMS_ACME_ACADEMY);

        assertThat(send(lms, Topics.ACHIEVEMENTS).offset()).isNotNegative();
        assertThat(sendFailure(lms, Topics.MILESTONES)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFailure(lms, Topics.EMPLOYEES)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFailure(lms, Topics.CATALOG_RELEASES)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFailure(lms, Topics.deadLetter(Topics.ACHIEVEMENTS)))
                .isInstanceOf(TopicAuthorizationException.class);
        // nor read what others published there, even without a consumer group
        try (KafkaConsumer<String, String> consumer = consumer(lms, null)) {
            consumer.assign(List.of(new TopicPartition(Topics.ACHIEVEMENTS, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThat(failure(() -> consumer.poll(Duration.ofSeconds(5))))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aServiceWritesItsOwnTopicsAndDeadLettersButNotAnotherServicesTopic() throws Exception {
        assertThat(send(client(User.CATALOG), Topics.CATALOG_RELEASES).offset()).isNotNegative();
        assertThat(send(client(User.PROGRESS), Topics.MILESTONES).offset()).isNotNegative();
        assertThat(send(client(User.PROGRESS), Topics.deadLetter(Topics.ACHIEVEMENTS)).offset()).isNotNegative();
        assertThat(send(client(User.NOTIFICATION), Topics.deadLetter(Topics.MILESTONES)).offset()).isNotNegative();

        assertThat(sendFailure(client(User.CATALOG), Topics.EMPLOYEES)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFailure(client(User.PROFILE), Topics.CATALOG_RELEASES))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFailure(client(User.PROGRESS), Topics.ACHIEVEMENTS))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFailure(client(User.NOTIFICATION), Topics.MILESTONES))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aServiceReadsWhatItConsumesInItsOwnGroupsOnly() throws Exception {
        String key = UUID.randomUUID().toString();
        send(client(User.PROFILE), Topics.EMPLOYEES, key);

        assertThat(readUntilFound(client(User.PROGRESS), "progress-" + key, Topics.EMPLOYEES, key))
                .as("progress-service reads employees in a group of its own").isTrue();
        try (KafkaConsumer<String, String> consumer = consumer(client(User.PROGRESS), "notification")) {
            consumer.subscribe(List.of(Topics.EMPLOYEES));
            assertThat(failure(() -> consumer.poll(Duration.ofSeconds(10))))
                    .as("another service's consumer group").isInstanceOf(GroupAuthorizationException.class);
        }
        // catalog-service reads the employees topic for erasures (GDPR), in its own groups only
        assertThat(readUntilFound(client(User.CATALOG), "catalog-" + key, Topics.EMPLOYEES, key))
                .as("catalog-service reads employees in a group of its own").isTrue();
        try (KafkaConsumer<String, String> consumer = consumer(client(User.CATALOG), "progress")) {
            consumer.subscribe(List.of(Topics.EMPLOYEES));
            assertThat(failure(() -> consumer.poll(Duration.ofSeconds(10))))
                    .as("another service's consumer group").isInstanceOf(GroupAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> consumer = consumer(client(User.CATALOG), "catalog")) {
            consumer.subscribe(List.of(Topics.ACHIEVEMENTS));
            assertThat(failure(() -> consumer.poll(Duration.ofSeconds(10))))
                    // its group or the topic, whichever the broker checks first
                    .as("catalog-service reads no achievements").isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void profileServicePurgesRecordsOnceItReadsEveryGroupsOffsetsAndNobodyElseMay() throws Exception {
        String key = UUID.randomUUID().toString();
        RecordMetadata sent = send(client(User.PROFILE), Topics.EMPLOYEES, key);
        TopicPartition partition = new TopicPartition(Topics.EMPLOYEES, sent.partition());
        String group = "progress-" + key;
        assertThat(readUntilFound(client(User.PROGRESS), group, Topics.EMPLOYEES, key)).isTrue();
        try (KafkaConsumer<String, String> consumer = consumer(client(User.PROGRESS), group)) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(sent.offset() + 1)));
        }
        // a dead letter to append again (WRITE) and read (READ) on a DLT of a topic profile-service does not own
        RecordMetadata deadLetter = send(client(User.NOTIFICATION), Topics.deadLetter(Topics.MILESTONES));

        try (Admin profile = Admin.create(client(User.PROFILE))) {
            // every group and its committed offsets, another service's included
            assertThat(profile.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS))
                    .anyMatch(g -> g.groupId().equals(group));
            assertThat(profile.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(partition).offset()).isEqualTo(sent.offset() + 1);

            profile.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(sent.offset() + 1))).all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(profile.listOffsets(Map.of(partition, OffsetSpec.earliest())).all().get(30, TimeUnit.SECONDS)
                    .get(partition).offset()).isEqualTo(sent.offset() + 1);

            TopicPartition dlt = new TopicPartition(Topics.deadLetter(Topics.MILESTONES), deadLetter.partition());
            try (KafkaConsumer<String, String> consumer = consumer(client(User.PROFILE), null)) {
                consumer.assign(List.of(dlt));
                consumer.seekToBeginning(List.of(dlt));
                assertThat(consumer.poll(Duration.ofSeconds(10)).records(dlt)).isNotEmpty();
            }
            assertThat(send(client(User.PROFILE), Topics.deadLetter(Topics.MILESTONES)).offset()).isNotNegative();
            profile.deleteRecords(Map.of(dlt, RecordsToDelete.beforeOffset(deadLetter.offset() + 1))).all()
                    .get(30, TimeUnit.SECONDS);
            // but never the catalog's releases, which name nobody and are kept for ever
            TopicPartition releases = new TopicPartition(Topics.CATALOG_RELEASES, 0);
            assertThat(failure(() -> profile.deleteRecords(Map.of(releases, RecordsToDelete.beforeOffset(0))).all()
                    .get(30, TimeUnit.SECONDS))).isInstanceOf(TopicAuthorizationException.class);
        }
        // nobody else may delete records
        for (User other : List.of(User.PROGRESS, User.NOTIFICATION, User.CATALOG, User.LMS_ACME_ACADEMY)) {
            try (Admin admin = Admin.create(client(other))) {
                assertThat(failure(() -> admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(0)))
                        .all().get(30, TimeUnit.SECONDS))).as(other.username())
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void everyTopicExistsAsTheServicesDeclareIt() throws Exception {
        try (Admin admin = kafka.admin()) {
            List<String> names = new ArrayList<>();
            KafkaAcls.TOPICS.forEach(t -> names.addAll(List.of(t, Topics.deadLetter(t))));
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).hasSize(8);
            topics.values().forEach(t -> assertThat(t.partitions()).hasSize(KafkaAcls.PARTITIONS));
            ConfigResource releases = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CATALOG_RELEASES);
            Config config = admin.describeConfigs(List.of(releases)).all().get(30, TimeUnit.SECONDS).get(releases);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        }
    }

    @Test
    void applyingTheTableRevokesWhatItNoLongerGrantsAndLeavesOthersAlone() throws Exception {
        AclBinding stale = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.EMPLOYEES, PatternType.LITERAL),
                new AccessControlEntry(User.CATALOG.principal(), "*", AclOperation.WRITE, AclPermissionType.ALLOW));
        AclBinding byHand = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.ACHIEVEMENTS,
                PatternType.LITERAL), new AccessControlEntry("User:lms-other", "*", AclOperation.WRITE,
                AclPermissionType.ALLOW));
        try (Admin admin = kafka.admin()) {
            admin.createAcls(List.of(stale, byHand)).all().get(30, TimeUnit.SECONDS);

            KafkaAcls.apply(admin);

            Collection<AclBinding> acls = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            assertThat(acls).doesNotContain(stale).contains(byHand).containsAll(KafkaAcls.bindings());
            admin.deleteAcls(List.of(byHand.toFilter())).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** A restart reuses the storage (records, users, ACLs) instead of formatting again. */
    @Test
    void recordsSurviveARestartAndOlderStorageGetsItsSuperUser(@TempDir Path dir) throws Exception {
        Map<Component, Integer> ports = Ports.resolve(Map.of(Component.KAFKA, 0, Component.KAFKA_CONTROLLER, 0));
        String classpath = Classpath.forKafka(PlatformConfig.findRepoRoot());
        Path log = dir.resolve("kafka.log");
        String key = UUID.randomUUID().toString();

        long pid;
        try (KafkaBroker broker = KafkaBroker.start(dir, ports.get(Component.KAFKA),
                ports.get(Component.KAFKA_CONTROLLER), classpath, log)) {
            pid = broker.process().pid();
            assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).contains(pid);
            assertThat(send(KafkaAcls.clientConfig(broker.bootstrap(), User.CATALOG), Topics.CATALOG_RELEASES, key)
                    .offset()).isZero();
        }
        assertThat(ProcessHandle.of(pid)).as("broker stopped").isEmpty();
        assertThat(dir.resolve("data/meta.properties")).exists();
        // storage from before SASL had no marker: the broker starts once without SASL to add the super user
        Files.delete(dir.resolve(KafkaBroker.SECURED_MARKER));

        try (KafkaBroker broker = KafkaBroker.start(dir, ports.get(Component.KAFKA),
                ports.get(Component.KAFKA_CONTROLLER), classpath, log)) {
            assertThat(readUntilFound(KafkaAcls.clientConfig(broker.bootstrap(), User.PROFILE), "profile-restart",
                    Topics.CATALOG_RELEASES, key)).isTrue();
        }
        assertThat(dir.resolve(KafkaBroker.SECURED_MARKER)).exists();
        assertThat(Files.readString(log)).containsOnlyOnce("Formatting");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static Map<String, Object> client(User user) {
        return KafkaAcls.clientConfig(kafka.bootstrap(), user);
    }

    private static RecordMetadata send(Map<String, Object> config, String topic) throws Exception {
        return send(config, topic, "key");
    }

    private static RecordMetadata send(Map<String, Object> config, String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = producer(config)) {
            return producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Why sending one record failed (the producer gives up on metadata after 5 s). */
    private static Throwable sendFailure(Map<String, Object> config, String topic) {
        try (KafkaProducer<String, String> producer = producer(config)) {
            return failure(() -> producer.send(new ProducerRecord<>(topic, "key", "value")).get(30, TimeUnit.SECONDS));
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        all.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        all.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        return new KafkaProducer<>(all, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> config, String group) {
        Map<String, Object> all = new HashMap<>(config);
        if (group != null) {
            all.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        all.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        all.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        all.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        return new KafkaConsumer<>(all, new StringDeserializer(), new StringDeserializer());
    }

    /** Polls (each poll waits for records, no sleeping) until the value shows up or 30 s have passed. */
    private static boolean readUntilFound(Map<String, Object> config, String group, String topic, String value) {
        try (KafkaConsumer<String, String> consumer = consumer(config, group)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (value.equals(record.value())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private interface Action {
        void run() throws Exception;
    }

    /** The exception the action ended with, unwrapped from the future's ExecutionException. */
    private static Throwable failure(Action action) {
        try {
            action.run();
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure, but it succeeded");
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
