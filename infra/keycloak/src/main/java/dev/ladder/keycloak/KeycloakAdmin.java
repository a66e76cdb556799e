package dev.ladder.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few calls of Keycloak's admin REST API that an identity administrator makes when a new colleague joins:
 * create their sign-in account in the {@code ladder} realm and grant it realm roles. Authenticates as the bootstrap
 * admin of the {@code master} realm with {@code admin-cli}, which is how a local Keycloak is administered; for tests
 * and scripts, never for the services.
 */
public final class KeycloakAdmin {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String adminUser;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUrl e.g. {@code http://localhost:8180} */
    public KeycloakAdmin(String baseUrl, String adminUser, String adminPassword) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** A new account the person can sign in with: e-mail verified, a permanent password, no required actions. */
    public record NewAccount(String username, String email, String firstName, String lastName, String password,
                             List<String> realmRoles) {
    }

    /**
     * Creates the account and grants its realm roles.
     *
     * @return the account's id, i.e. the {@code sub} of its tokens
     * @throws IllegalStateException when Keycloak refuses (e.g. 409 for a username or e-mail already taken)
     */
    public String createAccount(NewAccount account) {
        String token = new TokenClient(baseUrl + "/realms/master").accessToken(adminUser, adminPassword, "admin-cli");
        String realm = baseUrl + "/admin/realms/" + KeycloakServer.REALM;
        Map<String, Object> user = Map.of(
                "username", account.username(), "email", account.email(), "emailVerified", true,
                "firstName", account.firstName(), "lastName", account.lastName(), "enabled", true,
                "credentials", List.of(Map.of("type", "password", "value", account.password(), "temporary", false)));
        HttpResponse<String> created = send(token, "POST", realm + "/users", JSON.writeValueAsString(user));
        expect(created, 201, "create account " + account.username());
        String location = created.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("Keycloak created " + account.username()
                        + " but sent no Location"));
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (!account.realmRoles().isEmpty()) {
            List<JsonNode> roles = account.realmRoles().stream().map(name -> {
                HttpResponse<String> role = send(token, "GET",
                        realm + "/roles/" + URLEncoder.encode(name, StandardCharsets.UTF_8), null);
                expect(role, 200, "read realm role " + name);
                return JSON.readTree(role.body());
            }).toList();
            expect(send(token, "POST", realm + "/users/" + id + "/role-mappings/realm", JSON.writeValueAsString(roles)),
                    204, "grant " + account.realmRoles() + " to " + account.username());
        }
        return id;
    }

    /**
     * Adds the key pair to the realm as a <em>passive</em> RS256 key: Keycloak publishes it in the realm's JWKS, so
     * a token signed with it passes a service's signature check, but never signs with it. For tests that need tokens
     * Keycloak would never issue (expired, not yet valid, another issuer) whose only fault is that one claim.
     *
     * @return the key's {@code kid} as the realm's JWKS lists it
     */
    public String addPassiveKey(String name, KeyPair keys) {
        String token = new TokenClient(baseUrl + "/realms/master").accessToken(adminUser, adminPassword, "admin-cli");
        String realm = baseUrl + "/admin/realms/" + KeycloakServer.REALM;
        HttpResponse<String> read = send(token, "GET", realm, null);
        expect(read, 200, "read the realm");
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, Object> component = Map.of("name", name, "providerId", "rsa",
                "providerType", "org.keycloak.keys.KeyProvider", "parentId", JSON.readTree(read.body()).path("id")
                        .asString(),
                "config", Map.of("priority", List.of("-100"), "enabled", List.of("true"), "active", List.of("false"),
                        "algorithm", List.of("RS256"), "privateKey", List.of(pem)));
        expect(send(token, "POST", realm + "/components", JSON.writeValueAsString(component)), 201, "add key " + name);
        // the kid Keycloak gave it: the JWKS entry with this modulus
        String modulus = Base64.getUrlEncoder().withoutPadding().encodeToString(
                unsigned(((RSAPublicKey) keys.getPublic()).getModulus().toByteArray()));
        HttpResponse<String> jwks = send(token, "GET", baseUrl + "/realms/" + KeycloakServer.REALM
                + "/protocol/openid-connect/certs", null);
        expect(jwks, 200, "read the realm's keys");
        for (JsonNode key : JSON.readTree(jwks.body()).path("keys")) {
            if (modulus.equals(key.path("n").asString())) {
                return key.path("kid").asString();
            }
        }
        throw new IllegalStateException("Keycloak does not publish key " + name + ": " + jwks.body());
    }

    /**
     * Creates a realm from a full realm representation, as {@code kc.sh import} would, but over the admin API (so
     * without Keycloak's {@code ${ENV}} placeholder resolution: pass the file with its placeholders replaced).
     *
     * @throws IllegalStateException when Keycloak refuses (e.g. 409 for a realm name already taken)
     */
    public void importRealm(String realmJson) {
        String token = new TokenClient(baseUrl + "/realms/master").accessToken(adminUser, adminPassword, "admin-cli");
        expect(send(token, "POST", baseUrl + "/admin/realms", realmJson), 201, "import a realm");
    }

    /** Deletes a realm and everything in it; a realm that does not exist is not an error. */
    public void deleteRealm(String realm) {
        String token = new TokenClient(baseUrl + "/realms/master").accessToken(adminUser, adminPassword, "admin-cli");
        HttpResponse<String> deleted = send(token, "DELETE",
                baseUrl + "/admin/realms/" + URLEncoder.encode(realm, StandardCharsets.UTF_8), null);
        if (deleted.statusCode() != 404) {
            expect(deleted, 204, "delete realm " + realm);
        }
    }

    /** A GET of the admin API below {@code /admin/realms/}, e.g. {@code ladder/clients}, as JSON. */
    public JsonNode read(String path) {
        String token = new TokenClient(baseUrl + "/realms/master").accessToken(adminUser, adminPassword, "admin-cli");
        HttpResponse<String> response = send(token, "GET", baseUrl + "/admin/realms/" + path, null);
        expect(response, 200, "read " + path);
        return JSON.readTree(response.body());
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    private HttpResponse<String> send(String token, String method, String url, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + url, e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Keycloak refused to " + what + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }
}
