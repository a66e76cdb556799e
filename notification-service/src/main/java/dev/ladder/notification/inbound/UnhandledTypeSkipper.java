package dev.ladder.notification.inbound;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.serializer.FailedDeserializationInfo;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What becomes of a record the kit's CloudEvents deserializer could not read. One of a type this service handles
 * (below) is dead-lettered, as the kit does with every unreadable record; so is one with no {@code ce_type} at all
 * (not a CloudEvent: nobody's). Any other type is skipped: {@link NotHandled} reaches the listener's default
 * handler, which ignores it, and the offset is committed. Those types are other services' business — on the shared
 * {@code ladder.achievements.v1} a type only another consumer (or a newer Ladder) knows, or another consumer's type
 * this service would never apply — and dead-lettering them here put the same record into the DLT once per consuming
 * service. That includes a record the kit refused because its source may not publish it: a forged type this service
 * handles is dead-lettered here, one it does not is left to the consumers that do.
 * <p>
 * Installed as the kit's {@code ErrorHandlingDeserializer}'s failed-deserialization function
 * ({@code spring.deserializer.value.function}, application.yml), so it is made by that deserializer and not by
 * Spring: hence the static table. {@code UnhandledTypeSkipperTest} checks it against the listeners' handlers.
 */
public class UnhandledTypeSkipper implements Function<FailedDeserializationInfo, Object> {

    /** The types each topic's listener has a handler for. */
    static final Map<String, Set<EventType>> HANDLED = Map.of(
            Topics.MILESTONES, EnumSet.of(EventType.MILESTONE_REACHED, EventType.TRACK_REEVALUATED),
            Topics.EMPLOYEES, EnumSet.of(EventType.EMPLOYEE_UPDATED, EventType.EMPLOYEE_ERASED),
            Topics.CATALOG_RELEASES, EnumSet.of(EventType.CATALOG_VERSION_PUBLISHED),
            Topics.ACHIEVEMENTS, EnumSet.of(EventType.CERTIFICATION_RECORDED, EventType.CERTIFICATION_VERIFIED,
                    EventType.CERTIFICATION_REJECTED, EventType.CERTIFICATION_WITHDRAWN,
                    EventType.CERTIFICATION_REVOKED, EventType.SKILL_ASSESSED));

    /** Stands in for the value of an unreadable record of a type this service does not handle. */
    public record NotHandled(String type) {
    }

    /** @return null to have the record dead-lettered, or {@link NotHandled} to have it skipped */
    @Override
    public Object apply(FailedDeserializationInfo failed) {
        String type = type(failed.getHeaders());
        if (type == null || handles(failed.getTopic(), type)) {
            return null;
        }
        return new NotHandled(type);
    }

    static boolean handles(String topic, String type) {
        return HANDLED.getOrDefault(topic, Set.of()).stream().anyMatch(t -> t.id().equals(type));
    }

    private static String type(Headers headers) {
        Header type = headers == null ? null : headers.lastHeader(CloudEventHeaders.TYPE);
        return type == null || type.value() == null ? null : new String(type.value(), StandardCharsets.UTF_8);
    }
}
