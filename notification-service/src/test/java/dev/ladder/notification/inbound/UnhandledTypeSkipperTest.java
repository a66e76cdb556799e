package dev.ladder.notification.inbound;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.FailedDeserializationInfo;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UnhandledTypeSkipperTest {

    private final UnhandledTypeSkipper skipper = new UnhandledTypeSkipper();

    /** The table is the listeners' handlers, no more and no less: a new handler needs its line there. */
    @Test
    void handledTypesAreExactlyThoseTheListenersHaveHandlersFor() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(KafkaListener.class));
        Map<String, Set<EventType>> handled = new HashMap<>();
        for (BeanDefinition listener : scanner.findCandidateComponents("dev.ladder.notification")) {
            Class<?> type = ClassUtils.forName(listener.getBeanClassName(), getClass().getClassLoader());
            KafkaListener annotation = type.getAnnotation(KafkaListener.class);
            for (Method method : type.getDeclaredMethods()) {
                KafkaHandler handler = method.getAnnotation(KafkaHandler.class);
                if (handler == null || handler.isDefault()) {
                    continue;
                }
                Parameter payload = Arrays.stream(method.getParameters())
                        .filter(p -> !p.isAnnotationPresent(Header.class) && !p.isAnnotationPresent(Headers.class))
                        .findFirst().orElseThrow();
                for (String topic : annotation.topics()) {
                    handled.computeIfAbsent(topic, t -> EnumSet.noneOf(EventType.class))
                            .add(EventType.of(payload.getType()));
                }
            }
        }

        assertThat(handled).isEqualTo(UnhandledTypeSkipper.HANDLED);
    }

    @Test
    void anUnreadableRecordOfAHandledTypeOrOfNoTypeIsLeftToBeDeadLettered() {
        assertThat(skipper.apply(failed(Topics.ACHIEVEMENTS, EventType.CERTIFICATION_RECORDED.id()))).isNull();
        assertThat(skipper.apply(failed(Topics.EMPLOYEES, EventType.EMPLOYEE_UPDATED.id()))).isNull();
        assertThat(skipper.apply(failed(Topics.MILESTONES, EventType.TRACK_REEVALUATED.id()))).isNull();
        assertThat(skipper.apply(failed(Topics.ACHIEVEMENTS, null))).isNull();
    }

    @Test
    void anUnreadableRecordOfAnyOtherTypeIsSkipped() {
        assertThat(skipper.apply(failed(Topics.ACHIEVEMENTS, "com.example.BadgeEarned.v1")))
                .isEqualTo(new UnhandledTypeSkipper.NotHandled("com.example.BadgeEarned.v1"));
        assertThat(skipper.apply(failed(Topics.ACHIEVEMENTS, EventType.EXPERIENCE_RECORDED.id())))
                .isEqualTo(new UnhandledTypeSkipper.NotHandled(EventType.EXPERIENCE_RECORDED.id()));
        // handled, but on another topic than its listener's
        assertThat(skipper.apply(failed(Topics.MILESTONES, EventType.CERTIFICATION_RECORDED.id())))
                .isInstanceOf(UnhandledTypeSkipper.NotHandled.class);
    }

    /** How the kit's ErrorHandlingDeserializer finds it: application.yml's consumer property. */
    @Test
    void theErrorHandlingDeserializerUsesItFromTheConsumerProperty() {
        try (ErrorHandlingDeserializer<Object> deserializer = new ErrorHandlingDeserializer<>(
                (topic, data) -> { throw new IllegalArgumentException("unreadable"); })) {
            deserializer.configure(Map.of(ErrorHandlingDeserializer.VALUE_FUNCTION,
                    UnhandledTypeSkipper.class.getName()), false);
            assertThat(deserializer.deserialize(Topics.ACHIEVEMENTS, headers("com.example.BadgeEarned.v1"),
                    "{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(UnhandledTypeSkipper.NotHandled.class);
            assertThat(deserializer.deserialize(Topics.ACHIEVEMENTS, headers(EventType.SKILL_ASSESSED.id()),
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
