package dev.ladder.profile.outbox;

import dev.ladder.contracts.Topics;
import dev.ladder.profile.Api;
import dev.ladder.profile.ProfileServiceTest;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from a request to Kafka: a request that arrives with a W3C {@code traceparent} (as the gateway forwards
 * it) writes its event to the outbox with the request's trace context, and the relay, later and on its own thread,
 * publishes the record with a {@code traceparent} of the same trace next to the {@code ce_*} headers.
 */
class TracePropagationTest extends ProfileServiceTest {

    static final String PATH = "/api/profiles/me/certifications";
    static final String W3C = "00-[0-9a-f]{32}-[0-9a-f]{16}-01";

    @Test
    void theAchievementRecordContinuesTheTraceOfTheRequestThatRecordedIt() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = traceId.substring(0, 16);

        ConsumerRecord<String, String> event = record(Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));

        String traceparent = KafkaProbe.header(event, "traceparent");
        assertThat(traceparent).matches(W3C);
        assertThat(traceparent.substring(3, 35)).as("the request's trace").isEqualTo(traceId);
        assertThat(traceparent.substring(36, 52)).as("a span of the service's own").isNotEqualTo(callerSpan);
        String achievement = KafkaProbe.header(event, "ce_id");
        assertThat(count("select count(*) from outbox_event where event_id = '" + achievement
                + "' and trace_parent like '00-" + traceId + "-%'"))
                .as("the outbox row kept the request's context").isEqualTo(1);
    }

    @Test
    void aRequestWithoutATraceStartsOne() {
        ConsumerRecord<String, String> event = record(Map.of());

        assertThat(KafkaProbe.header(event, "traceparent")).matches(W3C);
    }

    ConsumerRecord<String, String> record(Map<String, String> headers) {
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response response = api.post(PATH, "alice", """
                    {"certificationId":"comptia-security-plus","credentialId":"COMP-%s","issuer":"CompTIA",
                     "issuedOn":"2025-01-15"}""".formatted(UUID.randomUUID()), headers);
            assertThat(response.status()).as(response.raw()).isEqualTo(201);
            String created = response.json().path("id").asString();
            return achievements.await(r -> r.value().contains("\"achievementId\":\"" + created + "\""),
                    Duration.ofSeconds(30));
        }
    }
}
