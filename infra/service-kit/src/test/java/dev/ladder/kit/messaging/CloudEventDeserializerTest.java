package dev.ladder.kit.messaging;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.testkit.CloudEventRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventDeserializerTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer(json);
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
    void serializerPassesBytesAndTextThroughAndWritesRecordsAsJson() {
        byte[] raw = {1, 2, 3};
        assertThat(serializer.serialize("t", raw)).isSameAs(raw);
        assertThat(serializer.serialize("t", "{}")).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(serializer.serialize("t", event), StandardCharsets.UTF_8))
                .contains("\"issuedOn\":\"2025-03-01\"");
    }

    /** The headers an outside producer's CloudEvents SDK writes for an event of {@code type}. */
    private static RecordHeaders headers(String type) {
        return CloudEventRecord.of("t", type, "emp-1", "{}").headers();
    }
}
