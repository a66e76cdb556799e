package dev.ladder.testkit;

import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One Kafka record carrying a CloudEvent, written by the official CloudEvents Kafka binding (binary mode) exactly as
 * an outside producer writes it — not by Ladder's own header constants, so a mistake there cannot hide in the tests.
 * The one place tests and the benchmark build event records; defaults: topic of the type, a random id, subject =
 * key, time now, and the source of the Ladder service that publishes the type ({@link EventProducers}, as its outbox
 * writes it) — {@value #DEFAULT_SOURCE} for a type Ladder does not know. A test of an outside producer names its
 * source, and the service under test must have it configured ({@code ladder.events.external-producers}).
 * <pre>{@code
 * CloudEventRecord.of(EventType.SKILL_ASSESSED, alice, json).id("s-1").send();
 * }</pre>
 */
public final class CloudEventRecord {

    public static final String DEFAULT_SOURCE = "/test/external-producer";

    private final String topic;
    private final String type;
    private final String key;
    private final String json;
    private String id = UUID.randomUUID().toString();
    private String source;
    private String subject;
    private Instant time = Instant.now();
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    private CloudEventRecord(String topic, String type, String key, String json) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.type = Objects.requireNonNull(type, "type");
        this.key = key;
        this.json = Objects.requireNonNull(json, "json");
        this.subject = key;
        this.source = defaultSource(type);
    }

    /** An event of a Ladder type on its own topic; {@code json} is the payload as sent (valid or not). */
    public static CloudEventRecord of(EventType type, String key, String json) {
        return new CloudEventRecord(type.topic(), type.id(), key, json);
    }

    /** Any {@code ce_type} on any topic: types Ladder does not know, foreign producers, test topics. */
    public static CloudEventRecord of(String topic, String type, String key, String json) {
        return new CloudEventRecord(topic, type, key, json);
    }

    private static String defaultSource(String type) {
        return EventType.byId(type).map(EventProducers::ladderProducer).orElse(DEFAULT_SOURCE);
    }

    public CloudEventRecord id(String id) {
        this.id = Objects.requireNonNull(id, "id");
        return this;
    }

    public CloudEventRecord source(String source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    public CloudEventRecord subject(String subject) {
        this.subject = subject;
        return this;
    }

    public CloudEventRecord time(Instant time) {
        this.time = Objects.requireNonNull(time, "time");
        return this;
    }

    /** A header beside the binding's, such as a W3C {@code traceparent}. */
    public CloudEventRecord header(String name, String value) {
        extraHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    public String id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    public String key() {
        return key;
    }

    /** The record as the binding writes it: {@code ce_*} and {@code content-type} headers, the JSON as value. */
    public ProducerRecord<String, String> producerRecord() {
        ProducerRecord<String, byte[]> written = KafkaMessageFactory.createWriter(topic, key).writeBinary(event());
        extraHeaders.forEach((name, value) -> written.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, key, json, written.headers());
    }

    /** The headers alone, e.g. for a deserializer under test. */
    public RecordHeaders headers() {
        return new RecordHeaders(producerRecord().headers().toArray());
    }

    /** The headers as text, for code that sends them through another client. */
    public Map<String, String> headerMap() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : producerRecord().headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** This record as a listener receives it from the container: the value already deserialized to {@code event}. */
    public <V> ConsumerRecord<String, V> received(V event) {
        ConsumerRecord<String, V> record = new ConsumerRecord<>(topic, 0, 0, key, event);
        headers().forEach(h -> record.headers().add(h));
        return record;
    }

    /** Publishes it on the test Kafka and waits for the broker's ack. */
    public CloudEventRecord send() {
        sendForMetadata();
        return this;
    }

    /** {@link #send()}, answering where the record landed (for {@link LadderInfra#awaitConsumed}). */
    public RecordMetadata sendForMetadata() {
        return LadderInfra.send(topic, key, headerMap(), json);
    }

    private CloudEvent event() {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(id)
                .withType(type)
                .withSource(URI.create(source))
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json.getBytes(StandardCharsets.UTF_8));
        if (subject != null) {
            event.withSubject(subject);
        }
        return event.build();
    }
}
