package dev.ladder.progress.tracing;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.IssuedCertifications;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

import static dev.ladder.testkit.KafkaProbe.hasKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace across Kafka: an achievement that arrives with a W3C {@code traceparent} header makes a milestone whose
 * record carries the same trace id, under a span of its own (progress-service's publish span), next to the
 * {@code ce_*} headers. The milestone is written to the outbox in the batch listener's transaction and published
 * later by the relay on another thread, so this proves the context survives both hops.
 */
class TracePropagationTest implements ProgressServiceTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String TRACEPARENT = "traceparent";

    @Autowired
    JsonMapper json;

    KafkaProbe milestones;

    @BeforeAll
    void theCatalogIsPublished() {
        milestones = LadderInfra.probe(Topics.MILESTONES);
        CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, SeedTrack.TRACK,
                json.writeValueAsString(SeedTrack.version(1))).send();
    }

    @AfterAll
    void closeProbe() {
        milestones.close();
    }

    @Test
    void theMilestoneContinuesTheTraceOfTheAchievementThatCausedIt() {
        String employee = UUID.randomUUID().toString();
        String traceId = hex(32);
        String parentSpan = hex(16);

        certification(employee).header(TRACEPARENT, "00-" + traceId + "-" + parentSpan + "-01").send();

        ConsumerRecord<String, String> milestone = milestones.await(hasKey(employee), WAIT);
        String traceparent = KafkaProbe.header(milestone, TRACEPARENT);
        assertThat(traceparent).as("a W3C traceparent, sampled")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(traceparent.substring(3, 35)).as("the achievement's trace").isEqualTo(traceId);
        assertThat(traceparent.substring(36, 52)).as("a span of progress-service's own").isNotEqualTo(parentSpan);
        assertThat(KafkaProbe.header(milestone, "ce_id")).as("next to the CloudEvents headers").isNotBlank();
    }

    @Test
    void anAchievementWithoutATraceStartsOneAndAMalformedTraceparentIsNotPassedOn() {
        String untraced = UUID.randomUUID().toString();
        String malformed = UUID.randomUUID().toString();

        certification(untraced).send();
        certification(malformed).header(TRACEPARENT, "00-not-a-trace-01\r\nX-Injected: yes").send();

        String fresh = KafkaProbe.header(milestones.await(hasKey(untraced), WAIT), TRACEPARENT);
        assertThat(fresh).as("a trace of its own").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        ConsumerRecord<String, String> applied = milestones.await(hasKey(malformed), WAIT);
        assertThat(KafkaProbe.header(applied, TRACEPARENT)).as("the record is applied; its bad header dropped")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .isNotEqualTo(fresh);
    }

    CloudEventRecord certification(String employee) {
        return IssuedCertifications.securityPlus(json, employee);
    }

    static String hex(int digits) {
        String hex = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        return hex.substring(0, digits);
    }
}
