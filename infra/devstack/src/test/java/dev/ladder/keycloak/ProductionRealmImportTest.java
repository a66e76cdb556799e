package dev.ladder.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production realm file imported into the real Keycloak the build's tests share, under a realm name of its own
 * (removed afterwards), with its placeholders replaced as Keycloak's import replaces them from the environment.
 */
class ProductionRealmImportTest {

    private static final Path HOME = Path.of(System.getProperty("java.io.tmpdir"),
            "ladder-test-keycloak-" + KeycloakServer.VERSION);
    private static final String REALM = "ladder-production-" + UUID.randomUUID();
    private static final String GATEWAY_SECRET = "gw-" + UUID.randomUUID();
    private static final String PROVISIONER_SECRET = "prov-" + UUID.randomUUID();
    private static final String METRICS_SECRET = "metrics-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SharedKeycloak.Lease keycloak;
    private static KeycloakAdmin admin;

    @BeforeAll
    static void importTheProductionRealm() {
        keycloak = SharedKeycloak.lease(HOME);
        admin = new KeycloakAdmin(keycloak.baseUrl(), "admin", "admin");
        String realm = RealmFiles.substitute(RealmFiles.text(KeycloakServer.PRODUCTION_REALM_RESOURCE), Map.of(
                "LADDER_KEYCLOAK_CLIENT_SECRET", GATEWAY_SECRET,
                "LADDER_PROVISIONER_CLIENT_SECRET", PROVISIONER_SECRET,
                "LADDER_METRICS_CLIENT_SECRET", METRICS_SECRET,
                "LADDER_PORTAL_URL", "https://ladder.example.com"));
        ObjectNode representation = (ObjectNode) RealmFiles.JSON.readTree(realm);
        representation.put("realm", REALM);
        admin.importRealm(RealmFiles.JSON.writeValueAsString(representation));
    }

    @AfterAll
    static void removeIt() {
        try {
            if (admin != null) {
                admin.deleteRealm(REALM);
            }
        }
        finally {
            if (keycloak != null) {
                keycloak.close();
            }
        }
    }

    @Test
    void itHasNoUsersButTheProvisionersServiceAccount() {
        JsonNode users = admin.read(REALM + "/users?briefRepresentation=true&max=100");

        assertThat(users.valueStream().map(u -> u.get("username").asString()))
                .allSatisfy(name -> assertThat(name).startsWith("service-account-"));
        assertThat(admin.read(REALM + "/users?username=alice&exact=true")).isEmpty();
    }

    @Test
    void itHasNoLadderCliAndNoClientWithThePasswordGrant() {
        JsonNode clients = admin.read(REALM + "/clients");

        assertThat(clients.valueStream().map(c -> c.get("clientId").asString()))
                .contains("ladder-gateway", "ladder-provisioner", "ladder-metrics", "admin-cli")
                .doesNotContain(TokenClient.CLIENT_ID);
        assertThat(clients.valueStream())
                .allSatisfy(c -> assertThat(c.get("directAccessGrantsEnabled").asBoolean())
                        .as(c.get("clientId").asString()).isFalse());
    }

    @Test
    void aPasswordGrantIsRefusedEvenWithTheGatewaysSecret() throws Exception {
        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "password", "client_id", "ladder-gateway",
                "client_secret", GATEWAY_SECRET, "username", "alice", "password", "alice"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unauthorized_client");
    }

    @Test
    void theProvisionerGetsAClientCredentialsTokenForTheApiWithTheSecretFromTheEnvironment() {
        TokenClient tokens = new TokenClient(issuer());

        Map<String, Object> claims = TokenClient.claims(
                tokens.clientCredentialsToken("ladder-provisioner", PROVISIONER_SECRET));

        assertThat(claims.get("iss")).isEqualTo(issuer());
        assertThat(claims.get("azp")).isEqualTo("ladder-provisioner");
        assertThat(KeycloakServerTest.audience(claims)).contains("ladder-api");
        assertThat(KeycloakServerTest.realmRoles(claims)).contains("provisioner")
                .doesNotContain("employee", "manager", "admin");
        // the placeholder's own text is not a secret that works
        assertThat(tokenStatus("${LADDER_PROVISIONER_CLIENT_SECRET}")).isEqualTo(401);
    }

    @Test
    void theMetricsScraperGetsATokenWithTheMetricsRoleOnlyWithTheSecretFromTheEnvironment() {
        Map<String, Object> claims = TokenClient.claims(
                new TokenClient(issuer()).clientCredentialsToken("ladder-metrics", METRICS_SECRET));

        assertThat(claims.get("azp")).isEqualTo("ladder-metrics");
        assertThat(KeycloakServerTest.audience(claims)).contains("ladder-api");
        assertThat(KeycloakServerTest.realmRoles(claims)).contains("metrics")
                .doesNotContain("employee", "manager", "admin", "provisioner");
    }

    @Test
    void theGatewaysSecretAndRedirectUriAreTheOnesFromTheEnvironment() {
        JsonNode gateway = admin.read(REALM + "/clients?clientId=ladder-gateway").get(0);

        assertThat(admin.read(REALM + "/clients/" + gateway.get("id").asString() + "/client-secret")
                .get("value").asString()).isEqualTo(GATEWAY_SECRET);
        assertThat(gateway.get("redirectUris").valueStream().map(JsonNode::asString))
                .containsExactly("https://ladder.example.com/login/oauth2/code/keycloak");
    }

    @Test
    void bruteForceProtectionIsOn() {
        JsonNode realm = admin.read(REALM);

        assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.get("failureFactor").asInt()).isEqualTo(5);
        assertThat(realm.get("sslRequired").asString()).isEqualTo("external");
        assertThat(realm.get("passwordPolicy").asString()).contains("length(12)");
    }

    private static String issuer() {
        return keycloak.baseUrl() + "/realms/" + REALM;
    }

    private static int tokenStatus(String provisionerSecret) {
        try {
            return tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "ladder-provisioner",
                    "client_secret", provisionerSecret)).statusCode();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> tokenRequest(Map<String, String> form) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
