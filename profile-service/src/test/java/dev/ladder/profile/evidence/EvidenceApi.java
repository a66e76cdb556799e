package dev.ladder.profile.evidence;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.profile.Api;
import dev.ladder.testkit.KafkaProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the evidence tests need beyond {@link Api}: PUT/DELETE with headers, multipart uploads, binary downloads. */
public final class EvidenceApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    public EvidenceApi(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Binary(int status, Map<String, List<String>> headers, byte[] body) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    public Api.Response put(String path, String user, String ifMatch, String json) {
        HttpRequest.Builder request = request(path, user).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    public Api.Response post(String path, String user, String json) {
        return send(request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Api.Response delete(String path, String user) {
        return send(request(path, user).DELETE());
    }

    /** A DELETE with a JSON body (e.g. a withdrawal's reason). */
    public Api.Response delete(String path, String user, String json) {
        return send(request(path, user).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A multipart upload of one part "file" with the declared name and type. */
    public Api.Response upload(String path, String user, String filename, String declaredType, byte[] content) {
        String boundary = "----ladder" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, user).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public Binary download(String path, String user) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request(path, user).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Binary(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The record on the probe's topic matching, checked against its type's JSON Schema, ce_type and key. */
    public static ConsumerRecord<String, String> published(KafkaProbe probe, EventType type, String key,
                                                           String payloadFragment) {
        ConsumerRecord<String, String> record = probe.await(r -> type.id().equals(
                KafkaProbe.header(r, CloudEventHeaders.TYPE)) && r.value().contains(payloadFragment),
                Duration.ofSeconds(30));
        assertThat(record.key()).isEqualTo(key);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(key);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.ID)).isNotBlank();
        assertThat(EventSchemas.violations(type, record.value())).as(record.value()).isEmpty();
        return record;
    }

    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            builder.header("Authorization", "Bearer " + Api.token(user));
        }
        return builder;
    }

    private static Api.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
