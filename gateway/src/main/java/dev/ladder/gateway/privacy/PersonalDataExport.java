package dev.ladder.gateway.privacy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Asks every service for its part of a person's data ({@code GET /api/<service>/me/personal-data}) and puts the
 * parts into one document:
 * <pre>
 * {"format": "ladder.personal-data.v1", "generatedAt": ..., "subject": ...,
 *  "services": {"profile": {...}, "progress": {...}, "notifications": {...}, "catalog": {...}}}
 * </pre>
 * A service that knows nothing about the caller answers 404; its part is then {@code {"nothingHeld": true}}.
 */
@Component
@EnableConfigurationProperties(PersonalDataProperties.class)
class PersonalDataExport {

    static final String FORMAT = "ladder.personal-data.v1";

    private final WebClient http;
    private final PersonalDataProperties properties;
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final Clock clock = Clock.systemUTC();

    PersonalDataExport(PersonalDataProperties properties) {
        // a person's evidence files travel base64 inside their part: allow for them, but not without bound
        this.http = WebClient.builder().codecs(codecs -> codecs.defaultCodecs()
                .maxInMemorySize((int) properties.maxPartSize().toBytes())).build();
        this.properties = properties;
    }

    Mono<ObjectNode> collect(String subject, String accessToken) {
        return Flux.fromIterable(properties.parts().entrySet())
                .flatMapSequential(part -> part(part.getKey(), part.getValue(), accessToken)
                        .map(body -> Map.entry(part.getKey(), body)))
                .collectList()
                .map(parts -> {
                    ObjectNode document = json.objectNode();
                    document.put("format", FORMAT);
                    document.put("generatedAt", clock.instant().toString());
                    document.put("subject", subject);
                    ObjectNode services = document.putObject("services");
                    parts.forEach(part -> services.set(part.getKey(), part.getValue()));
                    return document;
                });
    }

    private Mono<JsonNode> part(String name, String url, String accessToken) {
        return http.get().uri(url)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(JsonNode.class);
                    }
                    if (response.statusCode().value() == 404) {
                        return response.releaseBody().thenReturn((JsonNode) json.objectNode()
                                .put("nothingHeld", true));
                    }
                    if (response.statusCode().value() == 401) {
                        return response.releaseBody().then(Mono.error(new PartUnavailable(HttpStatus.UNAUTHORIZED,
                                "Your login has expired; log in again")));
                    }
                    return response.releaseBody().then(Mono.error(new PartUnavailable(HttpStatus.BAD_GATEWAY,
                            "The " + name + " part of your data could not be exported (the service answered "
                                    + response.statusCode().value() + "); nothing was downloaded, try again later")));
                })
                .timeout(properties.timeout())
                .onErrorMap(DataBufferLimitException.class, e -> new PartUnavailable(HttpStatus.BAD_GATEWAY,
                        "The " + name + " part of your data is larger than the export allows ("
                                + properties.maxPartSize().toMegabytes() + " MB); ask an admin"))
                .onErrorMap(e -> !(e instanceof PartUnavailable), e -> new PartUnavailable(
                        HttpStatus.SERVICE_UNAVAILABLE, "The " + name + " part of your data could not be exported ("
                        + (e instanceof TimeoutException ? "no answer in " + properties.timeout().toSeconds() + " s"
                        : "the service is unavailable") + "); nothing was downloaded, try again later"));
    }

    /** A part could not be had: the whole export fails with this status. */
    static final class PartUnavailable extends RuntimeException {

        private final HttpStatus status;

        PartUnavailable(HttpStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        HttpStatus status() {
            return status;
        }
    }
}
