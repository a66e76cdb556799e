package dev.ladder.profile.organisation;

import dev.ladder.profile.Api;
import dev.ladder.testkit.LadderInfra;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The organisation tests' HTTP and Keycloak helpers: any method with any headers (If-Match) against the running
 * service with real tokens, and real Keycloak users created for a test (password = username, as
 * {@link LadderInfra#accessToken} expects) through Keycloak's admin API.
 */
public final class OrgApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    public OrgApi(int port) {
        this.base = "http://localhost:" + port;
    }

    /** {@code headers}: name, value, name, value, … */
    public Api.Response send(String method, String path, String user, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + Api.token(user));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** A body of any content type (CSV, say). */
    public Api.Response sendBody(String method, String path, String user, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        if (user != null) {
            request.header("Authorization", "Bearer " + Api.token(user));
        }
        return send(request.build());
    }

    public Api.Response get(String path, String user) {
        return send("GET", path, user, null);
    }

    public Api.Response post(String path, String user, String json) {
        return send("POST", path, user, json);
    }

    /** A Keycloak account of the ladder realm, created for one test. */
    public record Account(String id, String username, String email) {
    }

    /** A new account with a unique username (prefix + random), e-mail {@code <username>@example.org}. */
    public static Account newAccount(String prefix, boolean emailVerified) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return newAccount(username, username + "@example.org", emailVerified);
    }

    public static Account newAccount(String username, String email, boolean emailVerified) {
        String admin = adminToken();
        String body = JSON.writeValueAsString(Map.of("username", username, "email", email,
                "emailVerified", emailVerified, "enabled", true, "firstName", "Test", "lastName", username,
                "requiredActions", List.of(),
                "credentials", List.of(Map.of("type", "password", "value", username, "temporary", false))));
        HttpResponse<String> created = call(HttpRequest.newBuilder(
                        URI.create(LadderInfra.keycloakUrl() + "/admin/realms/ladder/users"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused user " + username + ": " + created.statusCode() + " "
                    + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return new Account(location.substring(location.lastIndexOf('/') + 1), username, email);
    }

    private static String adminToken() {
        HttpResponse<String> response = call(HttpRequest.newBuilder(
                        URI.create(LadderInfra.keycloakUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no Keycloak admin token: " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static Api.Response send(HttpRequest request) {
        HttpResponse<String> response = call(request);
        return new Api.Response(response.statusCode(), response.headers().map(), response.body());
    }

    private static HttpResponse<String> call(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
