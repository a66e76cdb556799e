package dev.ladder.profile.outbox;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.Api;
import dev.ladder.profile.ProfileApplication;
import dev.ladder.profile.ProfileServiceTest;
import dev.ladder.profile.TestCatalog;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two runs of the service over one database: the first with its relay stopped (a crash, a deploy, a broker outage
 * all look like this to the outbox), the second with it running.
 */
class OutboxRelayResumeTest {

    @Test
    void aStoppedRelayResumesPublishingEveryUnsentOutboxRowAfterRestart() {
        Map<String, Object> infra = new LinkedHashMap<>();
        LadderInfra.register((name, value) -> infra.put(name, value.get()), "profile");
        infra.put("server.port", 0);
        infra.put("ladder.profile.consumer-group", "profile-relay-" + UUID.randomUUID());
        infra.put("ladder.profile.demo-data", false);
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS);
             KafkaProbe employees = LadderInfra.probe(Topics.EMPLOYEES)) {
            stopThenResume(infra, achievements, employees);
        }
    }

    private void stopThenResume(Map<String, Object> infra, KafkaProbe achievements, KafkaProbe employees) {
        String achievementId;
        String registrationEventId;

        try (ConfigurableApplicationContext stopped = start(infra, false)) {
            JdbcClient jdbc = stopped.getBean(JdbcClient.class);
            TestCatalog.ensureSeedTrack(jdbc);
            Api api = new Api(port(stopped));

            // alice is new to this database: she is registered on first sight, then records a certification
            Api.Response recorded = api.post("/api/profiles/me/certifications", "alice", """
                    {"certificationId":"comptia-security-plus","credentialId":"RELAY-1","issuedOn":"2025-03-01"}""");
            assertThat(recorded.status()).as(recorded.raw()).isEqualTo(201);
            achievementId = recorded.json().path("id").asString();

            assertThat(unsent(jdbc)).containsExactlyInAnyOrder(Topics.EMPLOYEES, Topics.ACHIEVEMENTS);
            registrationEventId = jdbc.sql("select event_id from outbox_event where topic = :topic")
                    .param("topic", Topics.EMPLOYEES).query(String.class).single();
        }
        // closed: its producer is flushed and gone, so whatever the stopped run published is on the topics by now
        achievements.noneUpToEnd(r -> r.value().contains(achievementId));
        employees.noneUpToEnd(KafkaProbe.hasHeader(CloudEventHeaders.ID, registrationEventId));

        try (ConfigurableApplicationContext resumed = start(infra, true)) {
            JdbcClient jdbc = resumed.getBean(JdbcClient.class);

            ConsumerRecord<String, String> certification = achievements.await(
                    r -> r.value().contains("\"achievementId\":\"" + achievementId + "\""), Duration.ofSeconds(30));
            assertThat(certification.key()).isEqualTo(ProfileServiceTest.ALICE);
            assertThat(EventSchemas.violations(EventType.CERTIFICATION_RECORDED, certification.value())).isEmpty();
            ConsumerRecord<String, String> registered = employees.await(
                    KafkaProbe.hasHeader(CloudEventHeaders.ID, registrationEventId), Duration.ofSeconds(30));
            assertThat(registered.key()).isEqualTo(ProfileServiceTest.ALICE);
            assertThat(registered.value()).contains("\"displayName\":\"Alice Anders\"", "alice@ladder.local");
            assertThat(EventSchemas.violations(EventType.EMPLOYEE_UPDATED, registered.value())).isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> unsent(jdbc).isEmpty());
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> infra, boolean relay) {
        // command-line arguments: they outrank application.yml, unlike default properties
        List<String> args = new ArrayList<>();
        infra.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--ladder.outbox.relay-enabled=" + relay);
        return new SpringApplicationBuilder(ProfileApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static List<String> unsent(JdbcClient jdbc) {
        return jdbc.sql("select topic from outbox_event where sent_at is null").query(String.class).list();
    }
}
