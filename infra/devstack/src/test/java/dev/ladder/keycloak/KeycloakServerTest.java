package dev.ladder.keycloak;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.ladder.keycloak.DemoUsers.DemoUser;
import dev.ladder.keycloak.TokenClient.TokenRequestException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starts the real Keycloak distribution once (in-memory DB) and checks the tokens the realm hands out. */
class KeycloakServerTest {

    static KeycloakServer keycloak;
    static long pid;

    @BeforeAll
    static void start() {
        keycloak = KeycloakServer.builder(Path.of(System.getProperty("java.io.tmpdir"), "ladder-test-keycloak-" + KeycloakServer.VERSION))
                .start();
        pid = keycloak.pid();
    }

    @AfterAll
    static void stop() {
        List<ProcessHandle> tree = ProcessHandle.of(pid).stream()
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .toList();
        // kc.sh exec()s the JVM itself after a re-augmentation, so the JVM is pid or one of its descendants
        assertThat(tree).as("the Keycloak JVM")
                .anyMatch(p -> p.info().command().filter(c -> c.endsWith("/java")).isPresent());
        keycloak.close();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aliceGetsATokenWithHerFixedIdTheApiAudienceAndOnlyTheEmployeeRole() {
        Map<String, Object> claims = TokenClient.claims(keycloak.tokenClient().accessToken("alice", "alice"));

        assertThat(claims.get("iss")).isEqualTo(keycloak.issuerUri());
        assertThat(claims.get("sub")).isEqualTo("11111111-1111-4111-8111-111111111111");
        assertThat(audience(claims)).contains("ladder-api");
        assertThat(claims.get("azp")).isEqualTo("ladder-cli");
        assertThat(claims.get("preferred_username")).isEqualTo("alice");
        assertThat(claims.get("name")).isEqualTo("Alice Anders");
        assertThat(claims.get("email")).isEqualTo("alice@ladder.local");
        assertThat(realmRoles(claims)).contains("employee").doesNotContain("manager", "admin");
    }

    @Test
    void everyDemoUserHasTheFixedIdAndRolesOfDemoUsers() {
        for (DemoUser user : DemoUsers.ALL) {
            Map<String, Object> claims = TokenClient.claims(keycloak.tokenClient().accessToken(user));
            assertThat(claims.get("sub")).as(user.username()).isEqualTo(user.id());
            assertThat(claims.get("name")).as(user.username()).isEqualTo(user.name());
            assertThat(realmRoles(claims)).as(user.username()).containsAll(user.roles());
        }
        assertThat(realmRoles(TokenClient.claims(keycloak.tokenClient().accessToken(DemoUsers.MARK))))
                .contains("manager");
    }

    @Test
    void theProvisioningClientGetsAMachineTokenWithTheProvisionerRoleAndAWrongSecretIsRefused() {
        Map<String, Object> claims = TokenClient.claims(
                keycloak.tokenClient().clientCredentialsToken("ladder-provisioner", "ladder-provisioner-secret"));

        assertThat(claims.get("azp")).isEqualTo("ladder-provisioner");
        assertThat(audience(claims)).contains("ladder-api");
        assertThat(realmRoles(claims)).contains("provisioner").doesNotContain("employee", "admin");
        assertThatThrownBy(() -> keycloak.tokenClient().clientCredentialsToken("ladder-provisioner", "wrong"))
                .isInstanceOf(TokenRequestException.class)
                .hasMessageContaining("ladder-provisioner")
                .satisfies(e -> assertThat(((TokenRequestException) e).status()).isEqualTo(401));
    }

    @Test
    void anAdministratorCreatesAnAccountThatSignsInWithItsRolesAndATakenUsernameIsRefused() {
        String username = "newcomer-" + System.nanoTime();
        KeycloakAdmin.NewAccount account = new KeycloakAdmin.NewAccount(username, username + "@ladder.local",
                "New", "Comer", "secret-" + username, List.of("employee"));

        String id = keycloak.admin().createAccount(account);

        Map<String, Object> claims = TokenClient.claims(keycloak.tokenClient().accessToken(username, account.password()));
        assertThat(claims.get("sub")).isEqualTo(id);
        assertThat(claims.get("preferred_username")).isEqualTo(username);
        assertThat(claims.get("email")).isEqualTo(account.email());
        assertThat(claims.get("email_verified")).isEqualTo(true);
        assertThat(realmRoles(claims)).contains("employee").doesNotContain("manager", "admin");
        assertThatThrownBy(() -> keycloak.admin().createAccount(account))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("409");
    }

    @Test
    void aWrongPasswordIsRefusedClearly() {
        assertThatThrownBy(() -> keycloak.tokenClient().accessToken("alice", "not-alice"))
                .isInstanceOf(TokenRequestException.class)
                .hasMessageContaining("alice")
                .hasMessageContaining("invalid_grant")
                .satisfies(e -> assertThat(((TokenRequestException) e).status()).isEqualTo(401));
    }

    @Test
    void aMissingDistributionNamesWhereItLooked() {
        String previous = System.getProperty(KeycloakServer.DIST_PROPERTY);
        System.setProperty(KeycloakServer.DIST_PROPERTY, "/nonexistent/keycloak.tar.gz");
        try {
            assertThatThrownBy(KeycloakServer::distribution)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/nonexistent/keycloak.tar.gz")
                    .hasMessageContaining(KeycloakServer.DIST_ENV)
                    .hasMessageContaining("dependency:get");
        }
        finally {
            if (previous == null) {
                System.clearProperty(KeycloakServer.DIST_PROPERTY);
            }
            else {
                System.setProperty(KeycloakServer.DIST_PROPERTY, previous);
            }
        }
    }

    @Test
    void aTakenPortIsRefusedInsteadOfTalkingToTheWrongServer() {
        assertThatThrownBy(() -> KeycloakServer.builder(keycloak.options().home()).port(keycloak.port()).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already in use");
    }

    static List<String> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of(String.valueOf(aud));
    }

    @SuppressWarnings("unchecked")
    static Collection<String> realmRoles(Map<String, Object> claims) {
        Map<String, Object> realmAccess = (Map<String, Object>) claims.get("realm_access");
        assertThat(realmAccess).as("realm_access claim").isNotNull();
        return (Collection<String>) realmAccess.get("roles");
    }
}
