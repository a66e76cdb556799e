package dev.ladder.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.ladder.contracts.Topics;
import dev.ladder.kafka.KafkaAcls;
import dev.ladder.keycloak.DemoUsers;
import dev.ladder.keycloak.TokenClient;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The testkit against the real servers it starts (embedded here: no Docker on these machines). */
class LadderInfraTest {

    @BeforeAll
    static void startInParallel() {
        LadderInfra.startAll();
    }

    @Test
    void registerGivesEachContextAFreshDatabaseOnARealPostgreSql() throws Exception {
        Map<String, Supplier<Object>> first = new HashMap<>();
        Map<String, Supplier<Object>> second = new HashMap<>();
        LadderInfra.register(first::put, "testkit");
        LadderInfra.register(second::put, "testkit");

        assertThat(first).containsOnlyKeys("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "spring.kafka.bootstrap-servers",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri");
        String firstUrl = (String) first.get("spring.datasource.url").get();
        String secondUrl = (String) second.get("spring.datasource.url").get();
        assertThat(firstUrl).matches("jdbc:postgresql://.*/testkit_\\d+.*").isNotEqualTo(secondUrl);
        assertThat(first.get("spring.kafka.bootstrap-servers").get()).isEqualTo(LadderInfra.kafkaBootstrap());
        assertThat(first.get("spring.security.oauth2.resourceserver.jwt.issuer-uri").get())
                .isEqualTo(LadderInfra.issuerUri());

        String firstName;
        try (Connection one = connect(first); Statement st = one.createStatement()) {
            assertThat(single(st, "select version()")).startsWith("PostgreSQL 17");
            firstName = single(st, "select current_database()");
            assertThat(firstUrl).contains("/" + firstName);
            st.execute("create table marker (id int primary key)");
            st.execute("insert into marker values (1)");
        }
        try (Connection two = connect(second); Statement st = two.createStatement()) {
            assertThat(single(st, "select current_database()")).startsWith("testkit_").isNotEqualTo(firstName);
            assertThat(single(st, "select count(*) from information_schema.tables where table_schema = 'public'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void probeSeesOnlyRecordsSentAfterItWasCreatedWithTheirHeaders() {
        String topic = "testkit.probe.v1";
        LadderInfra.send(topic, "before", Map.of(), "{\"n\":0}");
        try (KafkaProbe probe = LadderInfra.probe(topic)) {
            CloudEventRecord.of(topic, "ladder.test.v1", "k-1", "{\"n\":1}").id("id-1").send();

            ConsumerRecord<String, String> record = probe.await(KafkaProbe.hasKey("k-1"), Duration.ofSeconds(20));

            assertThat(record.value()).isEqualTo("{\"n\":1}");
            assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo("ladder.test.v1");
            assertThat(KafkaProbe.headers(record)).containsEntry("ce_id", "id-1")
                    .containsEntry("content-type", "application/json");
            assertThat(probe.await(KafkaProbe.hasHeader("ce_id", "id-1"), Duration.ofSeconds(1))).isSameAs(record);
            probe.noneUpToEnd(KafkaProbe.hasKey("before"));
        }
    }

    /** What a fixed "watch for a while" window missed on a slow machine: a record acknowledged but not polled yet. */
    @Test
    void noneUpToEndReadsEveryPartitionUpToItsEndBeforeItAnswers() {
        String topic = "testkit.none-up-to-end.v1";
        try (KafkaProbe probe = LadderInfra.probe(topic)) {
            String unwanted = "unwanted-" + UUID.randomUUID();
            for (int i = 0; i < 6; i++) {
                LadderInfra.send(topic, "other-" + i, Map.of(), "{\"n\":" + i + "}");
            }
            LadderInfra.send(topic, unwanted, Map.of(), "{\"n\":6}");

            // nothing was polled yet: the check itself must read up to the record
            assertThatThrownBy(() -> probe.noneUpToEnd(KafkaProbe.hasKey(unwanted)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining(unwanted);
            probe.noneUpToEnd(KafkaProbe.hasKey("other-" + UUID.randomUUID()));
            assertThat(probe.records()).hasSize(7);
        }
    }

    @Test
    void noneBeforeFailsForAnUnwantedRecordSentBeforeTheSentinelEvenOnAnotherPartition() {
        String topic = "testkit.none-before.v1";
        try (KafkaProbe probe = LadderInfra.probe(topic)) {
            String sentinel = "sentinel-" + UUID.randomUUID();
            String unwanted = keyOnAnotherPartitionThan(sentinel);
            RecordMetadata unwantedAt = LadderInfra.send(topic, unwanted, Map.of(), "{}");
            RecordMetadata sentinelAt = LadderInfra.send(topic, sentinel, Map.of(), "{}");
            assertThat(unwantedAt.partition()).isNotEqualTo(sentinelAt.partition());

            assertThatThrownBy(() -> probe.noneBefore(KafkaProbe.hasKey(sentinel), KafkaProbe.hasKey(unwanted)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining(unwanted);
        }
    }

    @Test
    void noneBeforeReturnsTheSentinelWhenNothingUnwantedCameAndFailsWithoutOne() {
        String topic = "testkit.none-before-ok.v1";
        try (KafkaProbe probe = LadderInfra.probe(topic)) {
            String sentinel = "sentinel-" + UUID.randomUUID();
            LadderInfra.send(topic, "harmless", Map.of(), "{}");
            LadderInfra.send(topic, sentinel, Map.of("ce_id", "the-sentinel"), "{}");

            // the sentinel itself is never unwanted: "exactly one record with this key"
            ConsumerRecord<String, String> arrived = probe.noneBefore(KafkaProbe.hasKey(sentinel),
                    KafkaProbe.hasKey(sentinel));
            assertThat(KafkaProbe.header(arrived, "ce_id")).isEqualTo("the-sentinel");

            LadderInfra.send(topic, sentinel, Map.of("ce_id", "a-second-one"), "{}");
            assertThatThrownBy(() -> probe.noneBefore(KafkaProbe.hasKey(sentinel), KafkaProbe.hasKey(sentinel)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("a-second-one");
            // no sentinel, no verdict: the check cannot pass vacuously
            assertThatThrownBy(() -> probe.noneBefore(KafkaProbe.hasKey("never-sent"), r -> false,
                    Duration.ofMillis(500))).isInstanceOf(AssertionError.class).hasMessageContaining("no matching record");
        }
    }

    @Test
    void theBrokerIsLockedLikeThePlatformsAndEachServiceLogsInAsItself() throws Exception {
        Map<String, Supplier<Object>> catalog = new HashMap<>();
        LadderInfra.register(catalog::put, "catalog");
        assertThat(catalog.get("ladder.kafka.username").get()).isEqualTo(KafkaAcls.User.CATALOG.username());
        assertThat(catalog.get("ladder.kafka.security-protocol").get()).isEqualTo("SASL_PLAINTEXT");
        String bootstrap = LadderInfra.kafkaBootstrap();

        // no credential: the SASL listener does not let the client in
        Map<String, Object> anonymous = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(5, TimeUnit.SECONDS))
                    .as("a PLAINTEXT client").isInstanceOf(Exception.class);
        }
        // a wrong password is refused as such
        Map<String, Object> wrong = new HashMap<>(KafkaAcls.clientConfig(bootstrap,
                KafkaAcls.User.ADMIN.username(), "guess"));
        wrong.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        wrong.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(wrong)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        // a service writes only the topics the table grants it: catalog-service may not forge an achievement
        Map<String, Object> asCatalog = new HashMap<>(KafkaAcls.clientConfig(bootstrap, KafkaAcls.User.CATALOG));
        asCatalog.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(asCatalog, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ACHIEVEMENTS, "k", "{}"))
                    .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThat(producer.send(new ProducerRecord<>(Topics.CATALOG_RELEASES, "k", "{}")).get(10, TimeUnit.SECONDS)
                    .offset()).isNotNegative();
        }
        // the topics exist before any service starts (no service may create one), with their dead-letter topics
        try (Admin admin = Admin.create(LadderInfra.kafkaClientConfig())) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(Topics.ACHIEVEMENTS,
                    Topics.deadLetter(Topics.ACHIEVEMENTS), Topics.EMPLOYEES, Topics.MILESTONES,
                    Topics.CATALOG_RELEASES);
        }
    }

    @Test
    void awaitConsumedWaitsUntilTheGroupCommittedPastTheRecord() {
        String topic = "testkit.consumed.v1";
        String group = "testkit-" + UUID.randomUUID();
        Map<String, Object> client = LadderInfra.kafkaClientConfig();
        KafkaProbe.ensureTopic(client, topic);
        RecordMetadata first = LadderInfra.send(topic, "k", Map.of(), "{\"n\":1}");
        RecordMetadata second = LadderInfra.send(topic, "k", Map.of(), "{\"n\":2}");
        assertThat(second.partition()).isEqualTo(first.partition());

        assertThatThrownBy(() -> KafkaProbe.awaitConsumed(client, group, first, Duration.ofMillis(500)))
                .as("nobody consumed it").isInstanceOf(AssertionError.class).hasMessageContaining(group);

        TopicPartition partition = new TopicPartition(topic, first.partition());
        Map<String, Object> consumerConfig = new HashMap<>(client);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(first.offset() + 1)));
        }

        LadderInfra.awaitConsumed(group, first);
        // the failure names the group, the offsets it had to reach and the ones it committed
        assertThatThrownBy(() -> KafkaProbe.awaitConsumed(client, group, List.of(first, second),
                Duration.ofMillis(500))).as("committed only up to the first").isInstanceOf(AssertionError.class)
                .hasMessageContaining("consumer group " + group + " did not commit past {" + partition + "="
                        + (second.offset() + 1) + "}")
                .hasMessageContaining("committed {" + partition + "=" + (first.offset() + 1) + "}");
    }

    /** A key the default partitioner puts on another of the probe's partitions than {@code key}. */
    private static String keyOnAnotherPartitionThan(String key) {
        for (int i = 0; ; i++) {
            String other = "unwanted-" + i + "-" + UUID.randomUUID();
            if (partition(other) != partition(key)) {
                return other;
            }
        }
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % KafkaProbe.PARTITIONS;
    }

    @Test
    void aliceGetsARealTokenThatKeycloakAccepts() throws Exception {
        String token = LadderInfra.accessToken("alice");

        Map<String, Object> claims = TokenClient.claims(token);
        assertThat(claims.get("iss")).isEqualTo(LadderInfra.issuerUri());
        assertThat(claims.get("sub")).isEqualTo(DemoUsers.ALICE.id());
        assertThat(claims.get("aud") instanceof Collection<?> c ? c : java.util.List.of(claims.get("aud")))
                .contains("ladder-api");

        // the server-side check: Keycloak's userinfo endpoint accepts the token and names alice
        HttpResponse<String> userinfo = HttpClient.newHttpClient().send(HttpRequest
                        .newBuilder(URI.create(LadderInfra.issuerUri() + "/protocol/openid-connect/userinfo"))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(userinfo.statusCode()).isEqualTo(200);
        assertThat(userinfo.body()).contains(DemoUsers.ALICE.id()).contains("\"preferred_username\":\"alice\"");
    }

    @Test
    void databaseNamesAndUrlsAreDerivedSafely() {
        assertThat(LadderInfra.sanitize("Profile-Service")).isEqualTo("profile_service");
        assertThat(LadderInfra.sanitize("1x")).isEqualTo("db_1x");
        assertThat(LadderInfra.withDatabase("jdbc:postgresql://localhost:5432/postgres", "p_1"))
                .isEqualTo("jdbc:postgresql://localhost:5432/p_1");
        assertThat(LadderInfra.withDatabase("jdbc:postgresql://h:1/test?loggerLevel=OFF", "p_2"))
                .isEqualTo("jdbc:postgresql://h:1/p_2?loggerLevel=OFF");
        assertThat(LadderInfra.withDatabase("jdbc:postgresql://h:1?ssl=false", "p_3"))
                .isEqualTo("jdbc:postgresql://h:1/p_3?ssl=false");
    }

    private static Connection connect(Map<String, Supplier<Object>> props) throws Exception {
        return DriverManager.getConnection((String) props.get("spring.datasource.url").get(),
                (String) props.get("spring.datasource.username").get(),
                (String) props.get("spring.datasource.password").get());
    }

    private static String single(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
