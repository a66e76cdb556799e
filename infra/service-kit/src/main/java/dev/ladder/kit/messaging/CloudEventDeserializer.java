package dev.ladder.kit.messaging;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/**
 * Turns a CloudEvents binary-mode record into the contracts record named by its {@code ce_type} header. Anything
 * that is not a valid Ladder event (no or unknown type, bad JSON, a payload failing the record's invariants) throws,
 * and the {@code ErrorHandlingDeserializer} around this hands the record to the dead-letter topic.
 */
public class CloudEventDeserializer implements Deserializer<Object> {

    private final JsonMapper json;

    public CloudEventDeserializer(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        throw new SerializationException("Ladder events need their ce_type header");
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        Header typeHeader = headers.lastHeader(CloudEventHeaders.TYPE);
        if (typeHeader == null) {
            throw new SerializationException("Missing " + CloudEventHeaders.TYPE + " header");
        }
        if (headers.lastHeader(CloudEventHeaders.ID) == null) {
            throw new SerializationException("Missing " + CloudEventHeaders.ID + " header");
        }
        String type = new String(typeHeader.value(), StandardCharsets.UTF_8);
        EventType eventType = EventType.byId(type)
                .orElseThrow(() -> new SerializationException("Unknown event type '" + type + "'"));
        if (data == null) {
            throw new SerializationException("Empty payload for " + type);
        }
        try {
            return json.readValue(data, eventType.payload());
        } catch (RuntimeException e) {
            throw new SerializationException("Invalid " + type + " payload: " + e.getMessage(), e);
        }
    }
}
