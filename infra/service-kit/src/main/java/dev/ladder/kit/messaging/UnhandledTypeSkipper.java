package dev.ladder.kit.messaging;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.serializer.FailedDeserializationInfo;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What becomes of a record the kit's CloudEvents deserializer could not read. One of a type the service handles on
 * that topic is dead-lettered, as the kit does with every unreadable record; so is one with no {@code ce_type} at
 * all (not a CloudEvent: nobody's). Any other type is skipped: {@link NotHandled} reaches the listener's default
 * handler, which ignores it, and the offset is committed. Those types are other services' business — on a shared
 * topic a type only another consumer (or a newer Ladder) knows, or another consumer's type this service would never
 * apply — and dead-lettering them put the same record into the DLT once per consuming service, each time a record
 * someone else owns. That includes a record the kit refused because its source may not publish it: a forged type the
 * service handles is dead-lettered, one it does not is left to the consumers that do.
 * <p>
 * Installed as the kit's {@code ErrorHandlingDeserializer}'s failed-deserialization function: the consumer property
 * {@code spring.deserializer.value.function} names a service's subclass, which that deserializer instantiates itself
 * (not Spring). Hence each service's subclass has a public no-arg constructor and a static table of the types its
 * listeners handle per topic, which its test compares with the listeners' handlers ({@code ListenerHandlers} in the
 * testkit).
 */
public abstract class UnhandledTypeSkipper implements Function<FailedDeserializationInfo, Object> {

    private static final Logger log = LoggerFactory.getLogger(UnhandledTypeSkipper.class);

    private final Map<String, Set<EventType>> handled;

    /** @param handled the event types the service's listener of each topic has a handler for */
    protected UnhandledTypeSkipper(Map<String, Set<EventType>> handled) {
        Map<String, Set<EventType>> copy = new HashMap<>();
        handled.forEach((topic, types) -> copy.put(topic, Set.copyOf(types)));
        this.handled = Map.copyOf(copy);
    }

    /** Stands in for the value of an unreadable record of a type this service does not handle. */
    public record NotHandled(String type) {
    }

    /** @return null to have the record dead-lettered, or {@link NotHandled} to have it skipped */
    @Override
    public final Object apply(FailedDeserializationInfo failed) {
        String type = type(failed.getHeaders());
        if (type == null || handles(failed.getTopic(), type)) {
            return null;
        }
        log.debug("Skipping an unreadable record of type {} on {}, which this service does not handle: {}", type,
                failed.getTopic(), failed.getException() == null ? null : failed.getException().toString());
        return new NotHandled(type);
    }

    /** Whether the service's listener of {@code topic} has a handler for the {@code ce_type} {@code type}. */
    public final boolean handles(String topic, String type) {
        return handled.getOrDefault(topic, Set.of()).stream().anyMatch(t -> t.id().equals(type));
    }

    private static String type(Headers headers) {
        return headers == null ? null : EventId.text(headers, CloudEventHeaders.TYPE);
    }
}
