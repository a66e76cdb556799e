package dev.ladder.keycloak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production realm is the local one without what is local: a role, client or mapper added to one and not the
 * other fails here. What may differ is listed ({@link #DEPLOYMENT_SPECIFIC}) and checked on its own.
 */
class RealmFilesInStepTest {

    private static final JsonNode LOCAL = RealmFiles.json(KeycloakServer.REALM_RESOURCE);
    private static final JsonNode PRODUCTION = RealmFiles.json(KeycloakServer.PRODUCTION_REALM_RESOURCE);
    /** Client fields that are the deployment's business: its secret and its public address. */
    private static final List<String> DEPLOYMENT_SPECIFIC = List.of("name", "secret", "redirectUris", "attributes");

    @Test
    void sameRealmNameAndRoles() {
        assertThat(PRODUCTION.get("realm").asString()).isEqualTo(LOCAL.get("realm").asString());
        assertThat(PRODUCTION.get("roles")).isEqualTo(LOCAL.get("roles"));
    }

    @Test
    void sameClientsApartFromTheLocalPasswordGrantClientFieldForField() {
        Map<String, JsonNode> local = ladderClients(LOCAL);
        Map<String, JsonNode> production = ladderClients(PRODUCTION);
        local.remove(TokenClient.CLIENT_ID);

        assertThat(production.keySet()).containsExactlyElementsOf(local.keySet());
        for (String clientId : local.keySet()) {
            assertThat(withoutDeploymentSpecific(production.get(clientId))).as(clientId)
                    .isEqualTo(withoutDeploymentSpecific(local.get(clientId)));
        }
    }

    @Test
    void everyClientHasTheApiAudienceMapper() {
        for (JsonNode client : ladderClients(PRODUCTION).values()) {
            assertThat(client.get("protocolMappers").valueStream()
                    .filter(m -> m.get("protocolMapper").asString().equals("oidc-audience-mapper"))
                    .map(m -> m.get("config").get("included.custom.audience").asString()))
                    .as(client.get("clientId").asString()).containsExactly("ladder-api");
        }
    }

    @Test
    void sameServiceAccountsWithTheSameRolesAndNoPeople() {
        assertThat(PRODUCTION.get("users").valueStream().filter(u -> !u.has("serviceAccountClientId")))
                .as("people in the production realm").isEmpty();
        assertThat(serviceAccounts(PRODUCTION)).isEqualTo(serviceAccounts(LOCAL));
    }

    @Test
    void noPasswordGrantAnywhereAndNoLocalOnlyClient() {
        assertThat(PRODUCTION.get("clients").valueStream().map(c -> c.get("clientId").asString()))
                .doesNotContain(TokenClient.CLIENT_ID);
        // admin-cli is declared only to switch off the password grant Keycloak gives it in every new realm
        assertThat(PRODUCTION.get("clients").valueStream())
                .allSatisfy(c -> assertThat(c.get("directAccessGrantsEnabled").asBoolean())
                        .as(c.get("clientId").asString()).isFalse())
                .anySatisfy(c -> assertThat(c.get("clientId").asString()).isEqualTo("admin-cli"));
    }

    @Test
    void theDeploymentSpecificPartsComeFromTheEnvironment() {
        String text = RealmFiles.text(KeycloakServer.PRODUCTION_REALM_RESOURCE);
        assertThat(RealmFiles.placeholders(text)).containsExactlyInAnyOrder(
                "LADDER_KEYCLOAK_CLIENT_SECRET", "LADDER_PROVISIONER_CLIENT_SECRET", "LADDER_METRICS_CLIENT_SECRET",
                "LADDER_PORTAL_URL");

        Map<String, JsonNode> clients = ladderClients(PRODUCTION);
        assertThat(clients.get("ladder-gateway").get("secret").asString()).isEqualTo("${LADDER_KEYCLOAK_CLIENT_SECRET}");
        assertThat(clients.get("ladder-provisioner").get("secret").asString())
                .isEqualTo("${LADDER_PROVISIONER_CLIENT_SECRET}");
        assertThat(clients.get("ladder-metrics").get("secret").asString()).isEqualTo("${LADDER_METRICS_CLIENT_SECRET}");
        // exact addresses of the portal, no wildcard a look-alike host could match
        assertThat(clients.get("ladder-gateway").get("redirectUris").valueStream().map(JsonNode::asString))
                .containsExactly("${LADDER_PORTAL_URL}/login/oauth2/code/keycloak");
        assertThat(clients.get("ladder-gateway").get("attributes").get("post.logout.redirect.uris").asString())
                .isEqualTo("${LADDER_PORTAL_URL}/");
        // the gateway always sends a PKCE challenge (SecurityConfig); here Keycloak also insists on it
        assertThat(clients.get("ladder-gateway").get("attributes").get("pkce.code.challenge.method").asString())
                .isEqualTo("S256");
        assertThat(RealmFiles.placeholders(RealmFiles.text(KeycloakServer.REALM_RESOURCE)))
                .as("the local realm runs as it is").isEmpty();
    }

    @Test
    void productionHardeningIsOn() {
        assertThat(PRODUCTION.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(PRODUCTION.get("sslRequired").asString()).isEqualTo("external");
        assertThat(PRODUCTION.get("registrationAllowed").asBoolean()).isFalse();
        assertThat(PRODUCTION.get("accessTokenLifespan").asInt()).isLessThanOrEqualTo(LOCAL.get("accessTokenLifespan").asInt());
        assertThat(PRODUCTION.get("ssoSessionIdleTimeout").asInt()).isPositive();
        assertThat(PRODUCTION.get("ssoSessionMaxLifespan").asInt()).isPositive();
    }

    /** Ladder's own clients (not Keycloak's built-in ones) by client id. */
    private static Map<String, JsonNode> ladderClients(JsonNode realm) {
        Map<String, JsonNode> clients = new TreeMap<>();
        realm.get("clients").valueStream().filter(c -> c.get("clientId").asString().startsWith("ladder-"))
                .forEach(c -> clients.put(c.get("clientId").asString(), c));
        return clients;
    }

    private static JsonNode withoutDeploymentSpecific(JsonNode client) {
        ObjectNode copy = ((ObjectNode) client).deepCopy();
        DEPLOYMENT_SPECIFIC.forEach(copy::remove);
        return copy;
    }

    private static Map<String, List<String>> serviceAccounts(JsonNode realm) {
        Map<String, List<String>> accounts = new TreeMap<>();
        realm.get("users").valueStream().filter(u -> u.has("serviceAccountClientId")).forEach(u -> {
            List<String> roles = new ArrayList<>(u.get("realmRoles").valueStream().map(JsonNode::asString).toList());
            roles.sort(null);
            accounts.put(u.get("serviceAccountClientId").asString(), roles);
        });
        return accounts;
    }
}
