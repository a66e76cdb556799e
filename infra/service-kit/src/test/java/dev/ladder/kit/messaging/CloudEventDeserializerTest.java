package dev.ladder.kit.messaging;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.testkit.CloudEventRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventDeserializerTest {

    private static final String LMS = "/lms/acme-academy";

    private final JsonMapper json = JsonMapper.builder().build();
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer(json,
            new EventProducers(List.of(LMS)));
    private final EventValueSerializer serializer = new EventValueSerializer(json);

    private final CertificationRecorded event = new CertificationRecorded("a-1", "emp-1", "ceh", "CEH-1", "EC-Council",
            LocalDate.of(2025, 3, 1), null, Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void readsTheRecordNamedByCeType() {
        byte[] bytes = serializer.serialize("t", event);
        assertThat(deserializer.deserialize("t", headers(EventType.CERTIFICATION_RECORDED.id()), bytes))
                .isEqualTo(event);
    }

    @Test
    void rejectsRecordsThatAreNotLadderEvents() {
        byte[] bytes = serializer.serialize("t", event);
        assertThatThrownBy(() -> deserializer.deserialize("t", new RecordHeaders(), bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("ce_type");
        assertThatThrownBy(() -> deserializer.deserialize("t", headers("com.example.Unknown"), bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Unknown event type");
        assertThatThrownBy(() -> deserializer.deserialize("t", headers(EventType.CERTIFICATION_RECORDED.id()),
                "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> deserializer.deserialize("t", headers(EventType.CERTIFICATION_RECORDED.id()),
                "{\"employeeId\":\"e\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("achievementId is required");
    }

    @Test
    void aRecordWithoutSourceIsNotALadderEvent() {
        byte[] bytes = serializer.serialize("t", event);
        RecordHeaders headers = headers(EventType.CERTIFICATION_RECORDED.id());
        headers.remove(CloudEventHeaders.SOURCE);
        assertThatThrownBy(() -> deserializer.deserialize("t", headers, bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("ce_source");
        headers.add(CloudEventHeaders.SOURCE, new byte[0]);
        assertThatThrownBy(() -> deserializer.deserialize("t", headers, bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("ce_source");
    }

    /** The producer rules apply to every record read, with the reason naming the source and the type. */
    @Test
    void refusesAnEventFromASourceThatMayNotPublishIt() {
        SkillAssessed managers = new SkillAssessed("s-1", "emp-1", "python", 4, SkillAssessed.Source.MANAGER,
                "someone", LocalDate.of(2026, 9, 1), Instant.parse("2026-09-01T15:00:00Z"));
        assertThatThrownBy(() -> deserializer.deserialize("t", headers(EventType.SKILL_ASSESSED.id(), LMS),
                serializer.serialize("t", managers)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'" + LMS + "'").hasMessageContaining(EventType.SKILL_ASSESSED.id())
                .hasMessageContaining("MANAGER");
        CertificationVerified verified = new CertificationVerified("a-1", "emp-1", "ceh", "m-1",
                Instant.parse("2026-11-25T10:00:00Z"));
        assertThatThrownBy(() -> deserializer.deserialize("t", headers(EventType.CERTIFICATION_VERIFIED.id(), LMS),
                serializer.serialize("t", verified)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(EventType.CERTIFICATION_VERIFIED.id());
        assertThatThrownBy(() -> deserializer.deserialize("t", headers(EventType.CERTIFICATION_RECORDED.id(),
                "/lms/not-configured"), serializer.serialize("t", event)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("'/lms/not-configured'");

        assertThat(deserializer.deserialize("t", headers(EventType.CERTIFICATION_RECORDED.id(), LMS),
                serializer.serialize("t", event))).isEqualTo(event);
        assertThat(deserializer.deserialize("t", headers(EventType.CERTIFICATION_VERIFIED.id(),
                EventProducers.PROFILE_SERVICE), serializer.serialize("t", verified))).isEqualTo(verified);
    }

    @Test
    void serializerPassesBytesAndTextThroughAndWritesRecordsAsJson() {
        byte[] raw = {1, 2, 3};
        assertThat(serializer.serialize("t", raw)).isSameAs(raw);
        assertThat(serializer.serialize("t", "{}")).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(serializer.serialize("t", event), StandardCharsets.UTF_8))
                .contains("\"issuedOn\":\"2025-03-01\"");
    }

    /** The headers the Ladder producer of {@code type} writes (the CloudEvents SDK's binary mode). */
    private static RecordHeaders headers(String type) {
        return CloudEventRecord.of("t", type, "emp-1", "{}").headers();
    }

    /** The headers an outside producer's CloudEvents SDK writes for an event of {@code type}. */
    private static RecordHeaders headers(String type, String source) {
        return CloudEventRecord.of("t", type, "emp-1", "{}").source(source).headers();
    }
}
