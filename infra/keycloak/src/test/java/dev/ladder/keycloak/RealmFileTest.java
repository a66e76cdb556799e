package dev.ladder.keycloak;

import java.io.InputStream;
import java.util.List;

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
        assertThat(realm.get("users")).hasSize(DemoUsers.ALL.size());
        for (JsonNode user : realm.get("users")) {
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
        assertThat(clients).containsExactlyInAnyOrder("ladder-gateway", TokenClient.CLIENT_ID);
        for (JsonNode client : realm.get("clients")) {
            assertThat(client.get("protocolMappers").valueStream()
                    .filter(m -> m.get("protocolMapper").asString().equals("oidc-audience-mapper"))
                    .map(m -> m.get("config").get("included.custom.audience").asString()))
                    .as(client.get("clientId").asString()).containsExactly("ladder-api");
        }
    }
}
