package dev.ladder.contracts;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Validates an event's JSON against the schema of its type; used by producer tests and available to consumers. */
public final class EventSchemas {

    private static final Map<EventType, Schema> SCHEMAS = new EnumMap<>(EventType.class);

    static {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> { });
        for (EventType type : EventType.values()) {
            try (InputStream in = EventSchemas.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("Missing schema " + type.schemaResource());
                }
                SCHEMAS.put(type, registry.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        InputFormat.JSON));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** @return every schema violation, empty when the JSON is a valid event of that type */
    public static List<String> violations(EventType type, String json) {
        return SCHEMAS.get(type).validate(json, InputFormat.JSON).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    private EventSchemas() {
    }
}
