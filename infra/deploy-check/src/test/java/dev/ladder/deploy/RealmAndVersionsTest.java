package dev.ladder.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.ladder.deploy.Manifests.get;
import static dev.ladder.deploy.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak gets the production realm as infra/keycloak has it, with every placeholder bound to the Secret the services
 * read too; Keycloak and PostgreSQL run the versions the tests run.
 */
class RealmAndVersionsTest {

    static final String PRODUCTION_REALM = "infra/keycloak/src/main/resources/keycloak/ladder-realm-production.json";

    static Stream<Path> kustomizations() {
        return ManifestTypesTest.kustomizations();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void theRealmImportIsTheProductionRealmWithItsPlaceholdersBound(Path kustomization) {
        List<ObjectNode> objects = Kustomize.render(kustomization);
        JsonNode realmImport = ofKind(objects, "KeycloakRealmImport").stream().findFirst().orElseThrow().path("spec");
        JsonNode realm = Repo.JSON.readTree(Repo.read(PRODUCTION_REALM));

        assertThat(realmImport.path("realm")).isEqualTo(realm);
        assertThat(get(objects, "Keycloak", realmImport.path("keycloakCRName").asString())).isNotNull();
        assertThat(new TreeSet<>(realmImport.path("placeholders").propertyNames()))
                .isEqualTo(placeholders(Repo.read(PRODUCTION_REALM)));

        // the services read the same Secret keys as the realm: one value, not two that must agree
        Map<String, JsonNode> gateway = ServiceManifestsTest.env(objects, ServiceManifestsTest.gateway());
        assertThat(gateway.get("LADDER_KEYCLOAK_CLIENT_SECRET").path("valueFrom").path("secretKeyRef"))
                .isEqualTo(realmImport.path("placeholders").path("LADDER_KEYCLOAK_CLIENT_SECRET").path("secret"));
        for (LadderService service : LadderService.all()) {
            JsonNode portalUrl = ServiceManifestsTest.env(objects, service).get("LADDER_PORTAL_URL");
            if (portalUrl != null) {
                assertThat(portalUrl.path("valueFrom").path("secretKeyRef")).as(service.artifactId())
                        .isEqualTo(realmImport.path("placeholders").path("LADDER_PORTAL_URL").path("secret"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void keycloakAndPostgresqlAreTheVersionsTheTestsRun(Path kustomization) {
        List<ObjectNode> objects = Kustomize.render(kustomization);
        JsonNode keycloak = ofKind(objects, "Keycloak").get(0).path("spec");

        assertThat(keycloak.path("image").asString())
                .isEqualTo("quay.io/keycloak/keycloak:" + Repo.rootProperty("keycloak.version"));
        String postgresMajor = Repo.rootProperty("postgres-binaries.version").replaceFirst("\\..*$", "");
        assertThat(ofKind(objects, "Cluster")).allSatisfy(cluster -> assertThat(
                cluster.path("spec").path("imageName").asString()).matches(".*:" + postgresMajor + "(\\.\\d+)*"));
        // Keycloak's own database is one of the clusters, with the credentials CloudNativePG generates for it
        JsonNode database = get(objects, "Cluster", keycloak.path("db").path("host").asString()
                .replaceFirst("-rw$", "")).path("spec").path("bootstrap").path("initdb");
        assertThat(keycloak.path("db").path("database").asString()).isEqualTo(database.path("database").asString());
        assertThat(keycloak.path("db").path("usernameSecret").path("name").asString())
                .isEqualTo(keycloak.path("db").path("host").asString().replaceFirst("-rw$", "-app"));
    }

    /** The {@code ${NAME}} placeholders Keycloak resolves when it imports the file. */
    static TreeSet<String> placeholders(String realm) {
        return Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(realm).results().map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
