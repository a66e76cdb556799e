package dev.ladder.kit.messaging;

import dev.ladder.contracts.CloudEventHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An event's identity as CloudEvents defines it: {@code ce_id} is unique only within its {@code ce_source}, so two
 * producers that number their events alike (every LMS may start at 1) are told apart by the source. Consumers
 * de-duplicate on both.
 */
public record EventId(String source, String id) {

    public EventId {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
    }

    /** The identity in a record's headers; both must be present (the kit's deserializer checks that first). */
    public static EventId of(Headers headers) {
        return new EventId(text(headers, CloudEventHeaders.SOURCE), text(headers, CloudEventHeaders.ID));
    }

    /** The header's value, or null when it is missing or empty (the binding has no empty attributes). */
    static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return source + "#" + id;
    }
}
