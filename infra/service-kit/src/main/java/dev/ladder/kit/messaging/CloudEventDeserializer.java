package dev.ladder.kit.messaging;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.LadderEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a CloudEvents binary-mode record into the contracts record named by its {@code ce_type} header. Anything
 * that is not a valid Ladder event (no or unknown type, no id or source, bad JSON, a payload failing the record's
 * invariants) throws, and the {@code ErrorHandlingDeserializer} around this hands the record to the dead-letter topic.
 * <p>
 * So does a valid event from a source that may not publish it ({@link EventProducers}): every consumer of every
 * service reads through here, so none can apply a forged event by forgetting to check, and the check sees the
 * payload (what an external producer may claim depends on it). It throws {@link InvalidEventException}, which the
 * dead letter's exception headers name with the reason.
 */
public class CloudEventDeserializer implements Deserializer<Object> {

    private final JsonMapper json;
    private final EventProducers producers;

    public CloudEventDeserializer(JsonMapper json, EventProducers producers) {
        this.json = json;
        this.producers = producers;
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        throw new SerializationException("Ladder events need their ce_type header");
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        String type = EventId.text(headers, CloudEventHeaders.TYPE);
        if (type == null) {
            throw new SerializationException("Missing " + CloudEventHeaders.TYPE + " header");
        }
        if (EventId.text(headers, CloudEventHeaders.ID) == null) {
            throw new SerializationException("Missing " + CloudEventHeaders.ID + " header");
        }
        String source = EventId.text(headers, CloudEventHeaders.SOURCE);
        if (source == null) {
            // without it the id means nothing (ids are unique per source) and nobody can tell who sent it
            throw new SerializationException("Missing " + CloudEventHeaders.SOURCE + " header");
        }
        EventType eventType = EventType.byId(type)
                .orElseThrow(() -> new SerializationException("Unknown event type '" + type + "'"));
        if (data == null) {
            throw new SerializationException("Empty payload for " + type);
        }
        LadderEvent event;
        try {
            event = json.readValue(data, eventType.payload());
        } catch (RuntimeException e) {
            throw new SerializationException("Invalid " + type + " payload: " + e.getMessage(), e);
        }
        String refusal = producers.refusal(source, eventType, event);
        if (refusal != null) {
            throw new InvalidEventException(refusal);
        }
        return event;
    }
}
