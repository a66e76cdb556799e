package dev.ladder.deploy;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ladder.contracts.Topics;
import dev.ladder.kafka.KafkaAcls;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * (3) infra/compose runs each service with the same variables as its Kubernetes Deployment, secrets from .env only,
 * and a broker that kafka-setup locks exactly as KafkaAcls says.
 */
class ComposeTest {

    private static final Path COMPOSE = Repo.path("infra/compose");
    private static final JsonNode FILE = Repo.yaml(COMPOSE.resolve("docker-compose.yml"));
    private static final String VERSION = Repo.child(Repo.pom(".").getDocumentElement(), "version").orElseThrow();
    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}}; {@code $$} is a literal dollar. */
    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?}");

    @Test
    void theFileFollowsTheComposeSpecification() throws IOException {
        try (InputStream specification = ComposeTest.class.getResourceAsStream("/compose-spec.json")) {
            // its $id is relative: give it the base it is published under
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, builder -> { })
                    .getSchema(SchemaLocation.of("https://raw.githubusercontent.com/compose-spec/compose-spec/main/"
                            + "schema/compose-spec.json"), Repo.JSON.readTree(specification));
            assertThat(schema.validate(FILE).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()))
                    .isEmpty();
        }
    }

    @Test
    void eachServiceIsItsImageWithTheVariablesOfItsDeployment() {
        var deployed = Kustomize.render(Repo.path("infra/k8s/base"));
        for (LadderService service : LadderService.all()) {
            JsonNode compose = service(service.artifactId());
            Map<String, String> env = env(compose);

            assertThat(compose.path("image").asString()).isEqualTo("ladder/" + service.artifactId() + ":" + VERSION);
            assertThat(COMPOSE.resolve(compose.path("build").asString()).normalize())
                    .isEqualTo(Repo.path(service.module()));
            assertThat(env.keySet()).as("%s: compose names what its Deployment names", service)
                    .containsExactlyInAnyOrderElementsOf(
                            ServiceManifestsTest.ladderVariables(ServiceManifestsTest.env(deployed, service).keySet()))
                    .containsExactlyInAnyOrderElementsOf(Variables.setFor(service));
        }
    }

    @Test
    void eachServiceUsesItsOwnDatabaseAndKafkaUser() {
        String databases = Repo.read(COMPOSE.resolve("postgres/init-databases.sh"));
        JsonNode setup = service("kafka-setup");
        for (LadderService service : LadderService.all().stream().filter(LadderService::usesKit).toList()) {
            Map<String, String> env = env(service(service.artifactId()));
            String database = service.defaultOf("spring.datasource.url").replaceFirst("^.*/", "");

            assertThat(env.get("LADDER_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + database);
            assertThat(env.get("LADDER_DB_USER")).isEqualTo(database);
            assertThat(databases).containsPattern("(?m)^database " + database + " \"\\$[A-Z_]+\"$");

            KafkaAcls.User user = KafkaAcls.User.of(service.shortName()).orElseThrow();
            assertThat(env.get("LADDER_KAFKA_USERNAME")).isEqualTo(user.username());
            assertThat(env.get("LADDER_KAFKA_PASSWORD")).isEqualTo("${" + passwordVariable(user) + "}");
            assertThat(env(setup)).containsKey(passwordVariable(user));
            assertThat(env.get("LADDER_KAFKA_SASL_MECHANISM")).isEqualTo(KafkaAcls.MECHANISM);
            assertThat(env.get("LADDER_KAFKA_SECURITY_PROTOCOL")).isEqualTo(KafkaAcls.SECURITY_PROTOCOL);
        }
        // the gateway reaches each service by its compose name on its port
        LadderService gateway = ServiceManifestsTest.gateway();
        Pattern route = Pattern.compile("\\$\\{(LADDER_[A-Z_]+_URL):http://localhost:(\\d+)}");
        gateway.settings().values().forEach(v -> route.matcher(v).results().forEach(m -> {
            LadderService target = LadderService.all().stream()
                    .filter(s -> s.port() == Integer.parseInt(m.group(2))).findFirst().orElseThrow();
            assertThat(env(service(gateway.artifactId())).get(m.group(1)))
                    .isEqualTo("http://" + target.artifactId() + ":" + target.port());
        }));
    }

    @Test
    void keycloakImportsTheProductionRealmWithItsPlaceholdersFromDotEnv() {
        JsonNode keycloak = service("keycloak");
        Map<String, String> env = env(keycloak);

        assertThat(keycloak.path("image").asString())
                .isEqualTo("quay.io/keycloak/keycloak:" + Repo.rootProperty("keycloak.version"));
        assertThat(keycloak.path("volumes")).anySatisfy(volume -> {
            String[] parts = volume.asString().split(":");
            assertThat(COMPOSE.resolve(parts[0]).normalize())
                    .isEqualTo(Repo.path(RealmAndVersionsTest.PRODUCTION_REALM));
            assertThat(parts[1]).startsWith("/opt/keycloak/data/import/");
        });
        assertThat(env.keySet()).containsAll(RealmAndVersionsTest.placeholders(
                Repo.read(RealmAndVersionsTest.PRODUCTION_REALM)));
        // the gateway and notification-service get the same values as the realm
        assertThat(variable(env.get("LADDER_KEYCLOAK_CLIENT_SECRET")))
                .isEqualTo(variable(env(service("gateway")).get("LADDER_KEYCLOAK_CLIENT_SECRET")));
        assertThat(env.get("LADDER_PORTAL_URL"))
                .isEqualTo(env(service("notification-service")).get("LADDER_PORTAL_URL"));
        assertThat(service("kafka").path("image").asString()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    }

    @Test
    void secretsComeFromDotEnvOnly() {
        Map<String, String> example = dotEnvExample();
        FILE.path("services").properties().forEach(service -> env(service.getValue()).forEach((name, value) -> {
            if (name.contains("PASSWORD") || name.contains("SECRET")) {
                assertThat(value).as("%s %s", service.getKey(), name)
                        .matches("\\$\\{[A-Z0-9_]+(:\\?[^}]*|:-)?}");
            }
        }));
        // every variable the file takes from .env is in .env.example, with no secret filled in there
        Matcher interpolations = INTERPOLATION.matcher(Repo.read(COMPOSE.resolve("docker-compose.yml")));
        while (interpolations.find()) {
            assertThat(example).as(".env.example").containsKey(interpolations.group(1));
        }
        example.forEach((name, value) -> {
            if (name.contains("PASSWORD") || name.contains("SECRET")) {
                assertThat(value).as(".env.example %s", name).isEmpty();
            }
        });
        assertThat(Repo.read(COMPOSE.resolve(".gitignore")).lines()).contains(".env");
    }

    /** setup.sh run with stand-ins for Kafka's tools: what it asks of the broker is the table of KafkaAcls. */
    @Test
    void kafkaSetupGrantsExactlyTheTableOfKafkaAcls(@TempDir Path dir) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("calls");
        for (String tool : List.of("kafka-broker-api-versions.sh", "kafka-configs.sh", "kafka-topics.sh",
                "kafka-acls.sh")) {
            Path stub = bin.resolve(tool);
            // one line per call: the tool and its arguments, separated by the unit separator
            Files.writeString(stub, "#!/usr/bin/env bash\n(IFS=$'\\x1f'; echo \"$(basename \"$0\")$IFS$*\") >> \""
                    + log + "\"\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ProcessBuilder builder = new ProcessBuilder("bash", COMPOSE.resolve("kafka/setup.sh").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        builder.environment().put("KAFKA_BIN", bin.toString());
        builder.environment().put("KAFKA_ADMIN_PASSWORD", "admin-password");
        List<KafkaAcls.User> users = usersOfTheTable();
        users.forEach(u -> builder.environment().put(passwordVariable(u), "password-of-" + u.username()));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("out"))).isZero();

        List<List<String>> calls = Files.readAllLines(log).stream().map(l -> List.of(l.split("\u001f"))).toList();
        Map<String, String> credentials = new LinkedHashMap<>();
        List<String> topics = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (List<String> call : calls) {
            switch (call.get(0)) {
                case "kafka-configs.sh" -> credentials.put(option(call, "--entity-name").get(0),
                        option(call, "--add-config").get(0));
                case "kafka-topics.sh" -> {
                    topics.add(option(call, "--topic").get(0));
                    assertThat(option(call, "--partitions")).containsExactly(String.valueOf(KafkaAcls.PARTITIONS));
                    assertThat(option(call, "--config").contains("retention.ms=-1"))
                            .isEqualTo(Topics.retainedForever(option(call, "--topic").get(0)));
                }
                case "kafka-acls.sh" -> acls.addAll(bindings(call));
                default -> { }
            }
        }
        assertThat(credentials.keySet()).containsExactlyInAnyOrderElementsOf(
                users.stream().map(KafkaAcls.User::username).toList());
        users.forEach(u -> assertThat(credentials.get(u.username()))
                .isEqualTo("SCRAM-SHA-512=[iterations=8192,password=password-of-" + u.username() + "]"));
        assertThat(topics).containsExactlyInAnyOrderElementsOf(KafkaAcls.TOPICS.stream()
                .flatMap(t -> List.of(t, Topics.deadLetter(t)).stream()).toList());
        assertThat(acls).containsExactlyInAnyOrderElementsOf(users.stream()
                .flatMap(u -> KafkaAcls.bindings(u).stream()).toList());
        // and the broker itself: SASL everywhere, nothing allowed without an ACL, the setup's user the super user
        Map<String, String> broker = env(service("kafka"));
        assertThat(broker.get("KAFKA_SUPER_USERS")).isEqualTo(KafkaAcls.superUsers());
        assertThat(broker.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")).isEqualTo("false");
        assertThat(broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).doesNotContain(":PLAINTEXT");
        assertThat(env(service("kafka-setup"))).containsKey("KAFKA_ADMIN_PASSWORD");
    }

    // ---- helpers

    private static JsonNode service(String name) {
        JsonNode service = FILE.path("services").path(name);
        assertThat(service.isMissingNode()).as("compose service %s", name).isFalse();
        return service;
    }

    private static Map<String, String> env(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        service.path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
        return env;
    }

    private static Map<String, String> dotEnvExample() {
        return Repo.read(COMPOSE.resolve(".env.example")).lines().filter(l -> l.matches("[A-Z0-9_]+=.*"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    /** The .env variable an interpolation reads. */
    private static String variable(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        assertThat(matcher.find()).as(value).isTrue();
        return matcher.group(1);
    }

    static String passwordVariable(KafkaAcls.User user) {
        return "KAFKA_PASSWORD_" + user.username().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static List<KafkaAcls.User> usersOfTheTable() {
        Set<String> superUsers = Set.of(KafkaAcls.superUsers().split(";"));
        return Arrays.stream(KafkaAcls.User.values()).filter(u -> !superUsers.contains(u.principal())).toList();
    }

    private static List<String> option(List<String> call, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i < call.size() - 1; i++) {
            if (call.get(i).equals(name)) {
                values.add(call.get(i + 1));
            }
        }
        return values;
    }

    private static List<AclBinding> bindings(List<String> call) {
        String principal = option(call, "--allow-principal").get(0);
        String host = option(call, "--allow-host").stream().findFirst().orElse("*");
        // kafka-acls.sh reads the pattern type without regard to case
        PatternType pattern = PatternType.fromString(option(call, "--resource-pattern-type").get(0)
                .toUpperCase(Locale.ROOT));
        List<ResourcePattern> resources = new ArrayList<>();
        option(call, "--topic").forEach(t -> resources.add(new ResourcePattern(ResourceType.TOPIC, t, pattern)));
        option(call, "--group").forEach(g -> resources.add(new ResourcePattern(ResourceType.GROUP, g, pattern)));
        List<AclBinding> bindings = new ArrayList<>();
        for (ResourcePattern resource : resources) {
            for (String operation : option(call, "--operation")) {
                bindings.add(new AclBinding(resource, new AccessControlEntry(principal, host,
                        AclOperation.fromString(operation), AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }
}
