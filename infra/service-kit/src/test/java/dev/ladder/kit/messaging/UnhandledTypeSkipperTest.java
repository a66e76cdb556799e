package dev.ladder.kit.messaging;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.FailedDeserializationInfo;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnhandledTypeSkipperTest {

    /** A service as a service declares one: its listeners' types per topic, made by the deserializer. */
    public static class Skipper extends UnhandledTypeSkipper {

        public Skipper() {
            super(Map.of(
                    Topics.EMPLOYEES, EnumSet.of(EventType.EMPLOYEE_ERASED),
                    Topics.ACHIEVEMENTS, EnumSet.of(EventType.CERTIFICATION_RECORDED, EventType.SKILL_ASSESSED)));
        }
    }

    private final Skipper skipper = new Skipper();

    @Test
    void anUnreadableRecordOfAHandledTypeOrOfNoTypeIsLeftToBeDeadLettered() {
        assertThat(skipper.apply(failed(Topics.EMPLOYEES, EventType.EMPLOYEE_ERASED.id()))).isNull();
        assertThat(skipper.apply(failed(Topics.ACHIEVEMENTS, EventType.CERTIFICATION_RECORDED.id()))).isNull();
        assertThat(skipper.apply(failed(Topics.EMPLOYEES, null))).isNull();
        assertThat(skipper.apply(failed(Topics.EMPLOYEES, ""))).as("an empty ce_type is no type").isNull();
    }

    @Test
    void anUnreadableRecordOfAnyOtherTypeIsSkipped() {
        assertThat(skipper.apply(failed(Topics.EMPLOYEES, EventType.EMPLOYEE_UPDATED.id())))
                .isEqualTo(new UnhandledTypeSkipper.NotHandled(EventType.EMPLOYEE_UPDATED.id()));
        assertThat(skipper.apply(failed(Topics.ACHIEVEMENTS, "com.example.BadgeEarned.v1")))
                .isEqualTo(new UnhandledTypeSkipper.NotHandled("com.example.BadgeEarned.v1"));
        // handled, but on another topic than its listener's
        assertThat(skipper.apply(failed(Topics.MILESTONES, EventType.CERTIFICATION_RECORDED.id())))
                .isInstanceOf(UnhandledTypeSkipper.NotHandled.class);
        // a topic the service does not read at all
        assertThat(skipper.apply(failed(Topics.CATALOG_RELEASES, EventType.CATALOG_VERSION_PUBLISHED.id())))
                .isInstanceOf(UnhandledTypeSkipper.NotHandled.class);
    }

    @Test
    void handlesAnswersByTopicAndCeType() {
        assertThat(skipper.handles(Topics.EMPLOYEES, EventType.EMPLOYEE_ERASED.id())).isTrue();
        assertThat(skipper.handles(Topics.EMPLOYEES, EventType.EMPLOYEE_UPDATED.id())).isFalse();
        assertThat(skipper.handles(Topics.ACHIEVEMENTS, EventType.EMPLOYEE_ERASED.id())).isFalse();
    }

    /** How the kit's ErrorHandlingDeserializer finds a service's subclass: the consumer property, by class name. */
    @Test
    void theErrorHandlingDeserializerMakesItFromTheConsumerProperty() {
        try (ErrorHandlingDeserializer<Object> deserializer = new ErrorHandlingDeserializer<>(
                (topic, data) -> { throw new IllegalArgumentException("unreadable"); })) {
            deserializer.configure(Map.of(ErrorHandlingDeserializer.VALUE_FUNCTION, Skipper.class.getName()), false);
            assertThat(deserializer.deserialize(Topics.EMPLOYEES, headers(EventType.EMPLOYEE_UPDATED.id()),
                    "{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(UnhandledTypeSkipper.NotHandled.class);
            assertThat(deserializer.deserialize(Topics.EMPLOYEES, headers(EventType.EMPLOYEE_ERASED.id()),
                    "{}".getBytes(StandardCharsets.UTF_8))).isNull();
        }
    }

    private static FailedDeserializationInfo failed(String topic, String type) {
        return new FailedDeserializationInfo(topic, headers(type), new byte[0], false,
                new IllegalArgumentException("unreadable"));
    }

    private static RecordHeaders headers(String type) {
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }
}
