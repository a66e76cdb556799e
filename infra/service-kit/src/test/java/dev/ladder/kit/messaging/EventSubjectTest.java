package dev.ladder.kit.messaging;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.testkit.CloudEventRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSubjectTest {

    @Test
    void aRecordKeyedAndAddressedToItsPayloadsSubjectPasses() {
        assertThatCode(() -> EventSubject.require(headers("e-1", "e-1"), "employeeId", "e-1"))
                .doesNotThrowAnyException();
        // ce_subject as the raw header bytes, as the binding writes it
        assertThatCode(() -> EventSubject.require(headers("e-1", "e-1".getBytes(StandardCharsets.UTF_8)),
                "employeeId", "e-1")).doesNotThrowAnyException();
    }

    @Test
    void anAbsentKeyOrSubjectIsNotADisagreement() {
        assertThatCode(() -> EventSubject.require(headers(null, null), "employeeId", "e-1"))
                .doesNotThrowAnyException();
        assertThatCode(() -> EventSubject.require(headers("e-1", null), "employeeId", "e-1"))
                .doesNotThrowAnyException();
    }

    @Test
    void anotherKeyOrSubjectIsRefusedNamingAllThree() {
        assertThatThrownBy(() -> EventSubject.require(headers("e-2", "e-1"), "employeeId", "e-1"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("Record about another employeeId than its payload: payload employeeId 'e-1', "
                        + "key 'e-2', ce_subject 'e-1'");
        assertThatThrownBy(() -> EventSubject.require(headers("t-1", "t-2".getBytes(StandardCharsets.UTF_8)),
                "trackId", "t-1")).isInstanceOf(InvalidEventException.class).hasMessageContaining("ce_subject 't-2'");
    }

    /** The batch listeners' form: the same answer from a record as the binding writes it (ce_subject as bytes). */
    @Test
    void aConsumerRecordIsJudgedTheSameWay() {
        assertThat(EventSubject.disagreement(record("e-1", "e-1"), "employeeId", "e-1")).isNull();
        assertThat(EventSubject.disagreement(record(null, null), "employeeId", "e-1")).isNull();
        assertThat(EventSubject.disagreement(record("e-2", "e-1"), "employeeId", "e-1"))
                .isEqualTo("Record about another employeeId than its payload: payload employeeId 'e-1', "
                        + "key 'e-2', ce_subject 'e-1'");
        assertThat(EventSubject.disagreement(record("e-1", "e-3"), "employeeId", "e-1"))
                .isEqualTo("Record about another employeeId than its payload: payload employeeId 'e-1', "
                        + "key 'e-1', ce_subject 'e-3'");
    }

    private static MessageHeaders headers(String key, Object subject) {
        Map<String, Object> headers = new HashMap<>();
        if (key != null) {
            headers.put(KafkaHeaders.RECEIVED_KEY, key);
        }
        if (subject != null) {
            headers.put(CloudEventHeaders.SUBJECT, subject);
        }
        return new MessageHeaders(headers);
    }

    private static ConsumerRecord<String, Object> record(String key, String subject) {
        ConsumerRecord<String, Object> record = CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, key, "{}")
                .subject(subject).received(null);
        assertThat(record.headers().lastHeader(CloudEventHeaders.SUBJECT) != null).isEqualTo(subject != null);
        return record;
    }
}
