package dev.ladder.profile;

import dev.ladder.testkit.LadderInfra;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Plain HTTP against the running service with real Keycloak tokens, so tests see exactly what clients see. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, Map<String, List<String>> headers, String raw) {

        public JsonNode json() {
            return JSON.readTree(raw);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        /** The fields named in a problem's {@code errors}, in order. */
        public List<String> errorFields() {
            return json().path("errors").values().stream().map(e -> e.path("field").asString()).toList();
        }
    }

    /** {@code user} null = no Authorization header. */
    public Response get(String path, String user) {
        return send(request(path, user).GET());
    }

    /** With a bearer token of the caller's choosing (expired, forged, garbage). */
    public Response getWithBearer(String path, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer).GET());
    }

    public Response post(String path, String user, String json) {
        return send(request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** With headers of the caller's choosing besides the token (e.g. a W3C {@code traceparent}). */
    public Response post(String path, String user, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, user).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static String token(String user) {
        return TOKENS.computeIfAbsent(user, LadderInfra::accessToken);
    }

    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            builder.header("Authorization", "Bearer " + token(user));
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
