package dev.ladder.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gets real access tokens from the {@code ladder} realm: for people with the password grant of the public client
 * {@code ladder-cli} (enabled for local use only: scripts and tests, never the portal), for machine clients with
 * the client-credentials grant.
 */
public final class TokenClient {

    public static final String CLIENT_ID = "ladder-cli";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final URI tokenEndpoint;
    private final HttpClient http;

    /** @param issuerUri e.g. {@code http://localhost:8180/realms/ladder} */
    public TokenClient(String issuerUri) {
        String base = issuerUri.endsWith("/") ? issuerUri.substring(0, issuerUri.length() - 1) : issuerUri;
        this.tokenEndpoint = URI.create(base + "/protocol/openid-connect/token");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String accessToken(DemoUsers.DemoUser user) {
        return accessToken(user.username(), user.password());
    }

    /** @throws TokenRequestException when Keycloak refuses (e.g. 401 invalid_grant for a wrong password) */
    public String accessToken(String username, String password) {
        return accessToken(username, password, CLIENT_ID);
    }

    /** The password grant of another public client, e.g. the master realm's {@code admin-cli}. */
    public String accessToken(String username, String password, String clientId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return token(form, "'" + username + "'");
    }

    /**
     * A token of a confidential machine client with the client-credentials grant, e.g. the HR feed's
     * {@code ladder-provisioner}.
     *
     * @throws TokenRequestException when Keycloak refuses (e.g. 401 for a wrong secret)
     */
    public String clientCredentialsToken(String clientId, String clientSecret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return token(form, "client '" + clientId + "'");
    }

    private String token(Map<String, String> form, String who) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new TokenRequestException(-1, "token request to " + tokenEndpoint + " failed: " + e, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestException(-1, "interrupted while requesting a token from " + tokenEndpoint, e);
        }
        if (response.statusCode() != 200) {
            throw new TokenRequestException(response.statusCode(), "Keycloak refused a token for " + who
                    + " at " + tokenEndpoint + ": HTTP " + response.statusCode() + " " + response.body(), null);
        }
        Object token = parse(response.body()).get("access_token");
        if (!(token instanceof String s)) {
            throw new TokenRequestException(response.statusCode(), "no access_token in " + response.body(), null);
        }
        return s;
    }

    /**
     * The claims of a JWT, decoded WITHOUT verifying the signature — for assertions in tests and scripts,
     * never for authorization decisions.
     */
    public static Map<String, Object> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT (expected header.payload.signature)");
        }
        return parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, MAP);
        }
        catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON object: " + json, e);
        }
    }

    /** Keycloak did not hand out a token; {@link #status()} is -1 when it could not be reached at all. */
    public static final class TokenRequestException extends RuntimeException {

        private final int status;

        public TokenRequestException(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
