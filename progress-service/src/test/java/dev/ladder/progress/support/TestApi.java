package dev.ladder.progress.support;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.LadderEvent;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Talks to a running progress-service as its neighbours do: plain Kafka records in, HTTP with real tokens. */
public final class TestApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json;
    private final int port;

    public TestApi(JsonMapper json, int port) {
        this.json = json;
        this.port = port;
    }

    /**
     * Exactly what an external producer writes: CloudEvents binary mode, JSON value, key = aggregate id. Returns where
     * it landed, for {@link LadderInfra#awaitConsumed}.
     */
    public RecordMetadata send(EventType type, String eventId, String key, Object event) {
        return CloudEventRecord.of(type, key, json.writeValueAsString(event)).id(eventId).sendForMetadata();
    }

    /**
     * Publishes the seed track's version 1 and waits until it is the one catalog version progress-service stored: for
     * tests that hand records to a listener directly, which need the rules in place first.
     */
    public void publishSeedTrack(JdbcClient jdbc) {
        send(EventType.CATALOG_VERSION_PUBLISHED, UUID.randomUUID().toString(), SeedTrack.TRACK, SeedTrack.version(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM catalog_version")
                .query(Integer.class).single() == 1);
    }

    /** A record as a batch listener receives it from the container: the event deserialized, the headers as sent. */
    public static ConsumerRecord<String, Object> received(String eventId, String key, LadderEvent event) {
        return CloudEventRecord.of(EventType.of(event.getClass()), key, "{}").id(eventId).received(event);
    }

    public HttpResponse<String> get(String path, String user) {
        return call(HttpRequest.newBuilder(uri(path)).GET(), user);
    }

    public HttpResponse<String> post(String path, String user, String body) {
        return call(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), user);
    }

    /** GET that must answer 200, as JSON. */
    public JsonNode read(String path, String user) {
        HttpResponse<String> response = get(path, user);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> call(HttpRequest.Builder request, String user) {
        if (user != null) {
            request.header("Authorization", "Bearer " + LadderInfra.accessToken(user));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
