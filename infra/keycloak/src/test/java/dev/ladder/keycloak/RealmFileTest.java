package dev.ladder.keycloak;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Fast guard: the realm export and {@link DemoUsers} must agree (ids are Ladder employee ids). */
class RealmFileTest {

    @Test
    void realmUsersMatchDemoUsers() throws Exception {
        JsonNode realm;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(KeycloakServer.REALM_RESOURCE)) {
            realm = JsonMapper.builder().build().readTree(in);
        }
        assertThat(realm.get("realm").asString()).isEqualTo(KeycloakServer.REALM);
        List<JsonNode> people = realm.get("users").valueStream().filter(u -> !u.has("serviceAccountClientId")).toList();
        assertThat(people).hasSize(DemoUsers.ALL.size());
        for (JsonNode user : people) {
            DemoUsers.DemoUser demo = DemoUsers.byUsername(user.get("username").asString());
            assertThat(user.get("id").asString()).isEqualTo(demo.id());
            assertThat(user.get("email").asString()).isEqualTo(demo.email());
            assertThat(user.get("firstName").asString() + " " + user.get("lastName").asString()).isEqualTo(demo.name());
            assertThat(user.get("emailVerified").asBoolean()).isTrue();
            assertThat(user.get("realmRoles").valueStream().map(JsonNode::asString).toList())
                    .containsExactlyInAnyOrderElementsOf(demo.roles());
            assertThat(user.get("credentials").get(0).get("value").asString()).isEqualTo(demo.password());
        }
        List<String> clients = realm.get("clients").valueStream().map(c -> c.get("clientId").asString()).toList();
        assertThat(clients).containsExactlyInAnyOrder("ladder-gateway", TokenClient.CLIENT_ID, "ladder-provisioner",
                "ladder-metrics");
        // the machine clients — the SCIM provisioner, the metrics scraper: each confidential, its service account
        // with its own role and only that, which no person has
        Map.of("ladder-provisioner", "provisioner", "ladder-metrics", "metrics").forEach((clientId, role) -> {
            JsonNode client = realm.get("clients").valueStream()
                    .filter(c -> c.get("clientId").asString().equals(clientId)).findFirst().orElseThrow();
            assertThat(client.get("serviceAccountsEnabled").asBoolean()).as(clientId).isTrue();
            assertThat(client.get("publicClient").asBoolean()).as(clientId).isFalse();
            JsonNode account = realm.get("users").valueStream()
                    .filter(u -> clientId.equals(u.path("serviceAccountClientId").asString(null)))
                    .findFirst().orElseThrow();
            assertThat(account.get("realmRoles").valueStream().map(JsonNode::asString).toList()).as(clientId)
                    .containsExactly(role);
            assertThat(people).allSatisfy(u -> assertThat(u.get("realmRoles").valueStream().map(JsonNode::asString))
                    .doesNotContain(role));
        });
        for (JsonNode client : realm.get("clients")) {
            assertThat(client.get("protocolMappers").valueStream()
                    .filter(m -> m.get("protocolMapper").asString().equals("oidc-audience-mapper"))
                    .map(m -> m.get("config").get("included.custom.audience").asString()))
                    .as(client.get("clientId").asString()).containsExactly("ladder-api");
        }
    }
}
