package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.devstack.Service;
import dev.ladder.e2e.Gateway.Reply;
import dev.ladder.e2e.MatrixOrganisation.Caller;
import dev.ladder.kafka.KafkaAcls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GDPR on the running platform: a person downloads everything Ladder holds about them as one document, with every
 * service's part (Art. 15/20); an admin erases them (Art. 17), and afterwards no database of any service and no
 * record any topic still retains holds their name, e-mail, employee id or sign-in subject — while their manager's
 * team goes on without them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataTest {

    private static final Duration ERASED = Duration.ofMinutes(3);

    Platform platform;
    Gateway gateway;
    MatrixOrganisation org;
    /** What identifies the person: their username (in their name and e-mail), employee id, sign-in subject. */
    List<String> identifiers;

    @BeforeAll
    void organisation() {
        platform = RunningPlatform.awaitDemoOrganisationApplied();
        gateway = new Gateway(platform.gatewayUrl());
        org = MatrixOrganisation.fresh(platform);
        identifiers = List.of(org.account(Caller.SELF).username(), org.subject, org.account(Caller.SELF).id());
    }

    @Test
    void aPersonDownloadsEverythingAndAnErasedPersonIsFoundNowhere() throws Exception {
        // ---- Art. 15/20: one document, every service's part, the person's own data
        Reply export = gateway.get("/api/me/personal-data", org.token(Caller.SELF));
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        JsonNode document = export.json();
        assertThat(document.path("format").asString()).isEqualTo("ladder.personal-data.v1");
        assertThat(document.path("subject").asString()).isEqualTo(org.account(Caller.SELF).id());
        JsonNode services = document.path("services");
        assertThat(services.propertyNames()).containsExactly("profile", "progress", "notifications", "catalog");
        assertThat(services.path("profile").toString()).contains(org.account(Caller.SELF).username(), org.certification,
                org.experience);
        assertThat(services.path("progress").toString()).contains(org.subject, "ceh");
        assertThat(services.path("notifications").toString()).contains(org.notification);
        // the manager's own document is theirs: nothing of the employee's evidence in it
        Reply managers = gateway.get("/api/me/personal-data", org.token(Caller.MANAGER));
        assertThat(managers.status()).as(managers.toString()).isEqualTo(200);
        assertThat(managers.json().at("/services/profile").toString()).doesNotContain(org.certification);
        assertThat(gateway.get("/api/me/personal-data", null).status()).isEqualTo(401);

        // ---- Art. 17: erasure by an admin only
        String body = "{\"employeeId\":\"" + org.subject + "\"}";
        assertThat(gateway.post("/api/profiles/admin/erasures", org.token(Caller.MANAGER), body).status())
                .isEqualTo(403);
        Reply erasure = gateway.post("/api/profiles/admin/erasures", org.token(Caller.ADMIN), body);
        assertThat(erasure.status()).as(erasure.toString()).isEqualTo(202);
        assertThat(erasure.location()).as("Location of " + erasure).isNotBlank();
        String status = java.net.URI.create(erasure.location()).getPath();
        await("the erasure is complete, the topics purged").atMost(ERASED).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Reply state = gateway.get(status, org.token(Caller.ADMIN));
                    assertThat(state.status()).as(state.toString()).isEqualTo(200);
                    assertThat(state.json().path("status").asString()).as(state.toString()).isEqualTo("TOPICS_PURGED");
                });
        await("every service has erased what it held").atMost(ERASED).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(foundInDatabases()).isEmpty());
        assertThat(foundInTopics()).isEmpty();
        assertThat(gateway.post("/api/profiles/admin/erasures", org.token(Caller.ADMIN), body).status())
                .isEqualTo(404);

        // ---- the team goes on without them
        Reply team = gateway.get("/api/progress/teams/mine", org.token(Caller.MANAGER));
        assertThat(team.status()).as(team.toString()).isEqualTo(200);
        assertThat(team.body()).doesNotContain(org.subject);
        Reply others = gateway.get("/api/me/personal-data", org.token(Caller.OTHER));
        assertThat(others.status()).as(others.toString()).isEqualTo(200);
    }

    /** Table → a row holding one of the identifiers, over every table of every service database. */
    private Map<String, String> foundInDatabases() throws SQLException {
        Map<String, String> found = new HashMap<>();
        for (Service service : Service.values()) {
            if (service.database().isEmpty()) {
                continue;
            }
            String database = service.database().get();
            try (Connection db = DriverManager.getConnection(platform.jdbcUrl(database), platform.dbUser(),
                    platform.dbPassword()); Statement sql = db.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    for (String identifier : identifiers) {
                        try (ResultSet rs = sql.executeQuery("SELECT t::text FROM \"" + table + "\" t WHERE t::text "
                                + "ILIKE '%" + identifier.replace("'", "''") + "%' LIMIT 1")) {
                            if (rs.next()) {
                                found.put(database + "." + table, rs.getString(1));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Topic → a retained record (key, value or header) holding one of the identifiers, over every topic. */
    private Map<String, String> foundInTopics() {
        Map<String, String> found = new HashMap<>();
        Properties config = new Properties();
        config.putAll(platform.kafkaClientConfig(KafkaAcls.User.ADMIN));
        try (Admin admin = Admin.create(config);
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(config),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<String> topics = admin.listTopics().names().get();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String text = text(record.key()) + " " + text(record.value());
                    for (Header header : record.headers()) {
                        text += " " + header.key() + "=" + text(header.value());
                    }
                    for (String identifier : identifiers) {
                        if (text.toLowerCase().contains(identifier.toLowerCase())) {
                            found.put(record.topic() + "@" + record.partition() + ":" + record.offset(), text);
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the topics", e);
        }
        return found;
    }

    private static Properties consumerConfig(Properties client) {
        Properties config = new Properties();
        config.putAll(client);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return config;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
