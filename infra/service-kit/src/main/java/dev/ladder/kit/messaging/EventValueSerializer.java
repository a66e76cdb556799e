package dev.ladder.kit.messaging;

import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/**
 * One value serializer for everything this service sends: outbox rows (already JSON text, as bytes), dead letters
 * of records that never deserialized (their original bytes) and dead letters of events that failed in a listener
 * (the event record, written back as JSON).
 */
public class EventValueSerializer implements Serializer<Object> {

    private final JsonMapper json;

    public EventValueSerializer(JsonMapper json) {
        this.json = json;
    }

    @Override
    public byte[] serialize(String topic, Object value) {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return json.writeValueAsBytes(value);
    }
}
