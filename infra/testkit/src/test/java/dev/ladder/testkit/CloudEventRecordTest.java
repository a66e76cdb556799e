package dev.ladder.testkit;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK-written record carries exactly the attributes Ladder's contract (README "Producing…") names. */
class CloudEventRecordTest {

    @Test
    void writesTheBinaryModeHeadersLadderReads() {
        CloudEventRecord event = CloudEventRecord.of(EventType.SKILL_ASSESSED, "emp-1", "{\"a\":1}").id("s-1")
                .source("/lms/acme").time(Instant.parse("2026-09-01T15:00:00Z"));

        ProducerRecord<String, String> record = event.producerRecord();

        assertThat(record.topic()).isEqualTo(EventType.SKILL_ASSESSED.topic());
        assertThat(record.key()).isEqualTo("emp-1");
        assertThat(record.value()).isEqualTo("{\"a\":1}");
        assertThat(event.headerMap())
                .containsEntry(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                .containsEntry(CloudEventHeaders.ID, "s-1")
                .containsEntry(CloudEventHeaders.TYPE, EventType.SKILL_ASSESSED.id())
                .containsEntry(CloudEventHeaders.SOURCE, "/lms/acme")
                .containsEntry(CloudEventHeaders.SUBJECT, "emp-1")
                .containsEntry(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        assertThat(OffsetDateTime.parse(event.headerMap().get(CloudEventHeaders.TIME)).toInstant())
                .isEqualTo(Instant.parse("2026-09-01T15:00:00Z"));
    }

    @Test
    void receivedCarriesTheSameHeadersAroundTheDeserializedValue() {
        CloudEventRecord event = CloudEventRecord.of("any.topic", "x.Unknown.v1", "k", "{}");

        var received = event.received(42);

        assertThat(received.value()).isEqualTo(42);
        assertThat(received.topic()).isEqualTo("any.topic");
        assertThat(new String(received.headers().lastHeader(CloudEventHeaders.TYPE).value()))
                .isEqualTo("x.Unknown.v1");
        assertThat(new String(received.headers().lastHeader(CloudEventHeaders.ID).value())).isEqualTo(event.id());
    }
}
