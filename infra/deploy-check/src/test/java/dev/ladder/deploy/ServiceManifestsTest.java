package dev.ladder.deploy;

import dev.ladder.kafka.KafkaAcls;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.ladder.deploy.Manifests.get;
import static dev.ladder.deploy.Manifests.name;
import static dev.ladder.deploy.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * (2) The Kubernetes objects of each service match the service's code: image, port, probes, the variables it reads
 * (no more, no fewer), and where each value comes from — its own database cluster, its own Kafka user, the Services
 * of the others.
 */
class ServiceManifestsTest {

    private static final List<LadderService> SERVICES = LadderService.all();
    private static final String VERSION = Repo.child(Repo.pom(".").getDocumentElement(), "version").orElseThrow();

    static Stream<Path> kustomizations() {
        return ManifestTypesTest.kustomizations();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void eachServiceRunsItsImageOnItsPortWithItsProbes(Path kustomization) {
        List<ObjectNode> objects = Kustomize.render(kustomization);
        SoftAssertions softly = new SoftAssertions();
        for (LadderService service : SERVICES) {
            String id = kustomization.getFileName() + ": " + service;
            JsonNode pod = get(objects, "Deployment", service.artifactId()).path("spec").path("template");
            JsonNode container = onlyContainer(pod);

            String image = container.path("image").asString();
            softly.assertThat(image.replaceFirst(":[^/]*$", "")).as("%s image", id)
                    .endsWith("/" + service.artifactId());
            if (kustomization.endsWith("base")) {
                softly.assertThat(image).as("%s image", id).isEqualTo("ladder/" + service.artifactId() + ":" + VERSION);
            }
            softly.assertThat(containerPort(container, "http")).as("%s port", id).isEqualTo(service.port());
            softly.assertThat(pod.path("spec").path("securityContext").path("runAsUser").asInt())
                    .as("%s user: the image's", id).isEqualTo(DockerfileTest.user(service));
            softly.assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).as(id)
                    .isTrue();
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                if (probe.equals("startupProbe") && !container.has(probe)) {
                    continue;
                }
                JsonNode get = container.path(probe).path("httpGet");
                softly.assertThat(get.path("path").asString()).as("%s %s", id, probe).isEqualTo(
                        service.healthGroupPath(probe.equals("readinessProbe") ? "readiness" : "liveness"));
                softly.assertThat(portNumber(container, get.path("port"))).as("%s %s port", id, probe)
                        .isEqualTo(service.managementPort());
            }
            // where a pod-discovering Prometheus scrapes (the token it needs is its own configuration)
            JsonNode annotations = pod.path("metadata").path("annotations");
            softly.assertThat(annotations.path("prometheus.io/path").asString()).as("%s scrape path", id)
                    .isEqualTo(service.prometheusPath());
            softly.assertThat(annotations.path("prometheus.io/port").asString()).as("%s scrape port", id)
                    .isEqualTo(String.valueOf(service.managementPort()));
            softly.assertThat(annotations.path("prometheus.io/scrape").asString()).as(id).isEqualTo("true");
            for (String resource : List.of("cpu", "memory")) {
                softly.assertThat(container.path("resources").path("requests").has(resource)).as("%s requests", id)
                        .isTrue();
                softly.assertThat(container.path("resources").path("limits").has(resource)).as("%s limits", id)
                        .isTrue();
            }

            JsonNode serviceObject = get(objects, "Service", service.artifactId());
            softly.assertThat(selects(serviceObject.path("spec").path("selector"), pod)).as("%s Service", id).isTrue();
            JsonNode servicePort = serviceObject.path("spec").path("ports").get(0);
            softly.assertThat(servicePort.path("port").asInt()).as("%s Service port", id).isEqualTo(service.port());
            softly.assertThat(portNumber(container, servicePort.path("targetPort"))).as("%s Service target", id)
                    .isEqualTo(service.port());

            JsonNode budget = get(objects, "PodDisruptionBudget", service.artifactId());
            softly.assertThat(selects(budget.path("spec").path("selector").path("matchLabels"), pod))
                    .as("%s PodDisruptionBudget", id).isTrue();
            // minAvailable 1 on a single instance would block every node drain
            softly.assertThat(minimumInstances(objects, service)).as("%s instances", id).isGreaterThanOrEqualTo(2);
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void eachServiceIsGivenExactlyTheVariablesItReads(Path kustomization) {
        List<ObjectNode> objects = Kustomize.render(kustomization);
        Set<String> springProperties = springKafkaVariables();
        SoftAssertions softly = new SoftAssertions();
        for (LadderService service : SERVICES) {
            String id = kustomization.getFileName() + ": " + service;
            Map<String, JsonNode> env = env(objects, service);

            softly.assertThat(ladderVariables(env.keySet())).as("%s: the LADDER_ variables it reads (Variables)", id)
                    .containsExactlyInAnyOrderElementsOf(Variables.setFor(service));
            // the rest may only be Spring Boot's own Kafka settings, and only for a service that uses Kafka
            Set<String> others = new TreeSet<>(env.keySet());
            others.removeAll(ladderVariables(env.keySet()));
            softly.assertThat(others).as("%s: variables other than LADDER_*", id)
                    .doesNotContain("SPRING_PROFILES_ACTIVE")
                    .allMatch(v -> service.usesKit() && springProperties.contains(v));

            env.forEach((variable, definition) -> {
                JsonNode reference = definition.path("valueFrom").path("configMapKeyRef");
                if (!reference.isMissingNode()) {
                    JsonNode configMap = get(objects, "ConfigMap", reference.path("name").asString());
                    softly.assertThat(configMap.path("data").has(reference.path("key").asString()))
                            .as("%s: %s's key in ConfigMap %s", id, variable, name(configMap)).isTrue();
                }
            });
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void eachServiceUsesItsOwnDatabaseAndKafkaUser(Path kustomization) {
        List<ObjectNode> objects = Kustomize.render(kustomization);
        JsonNode kafka = ofKind(objects, "Kafka").get(0);
        JsonNode listener = kafka.path("spec").path("kafka").path("listeners").get(0);
        SoftAssertions softly = new SoftAssertions();
        for (LadderService service : SERVICES.stream().filter(LadderService::usesKit).toList()) {
            String id = kustomization.getFileName() + ": " + service;
            Map<String, JsonNode> env = env(objects, service);

            // the database named in its own default URL, in a CloudNativePG cluster of its own
            String database = service.defaultOf("spring.datasource.url").replaceFirst("^.*/", "");
            Matcher url = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw:5432/([a-z0-9_]+)(\\?.*)?")
                    .matcher(value(env, "LADDER_DB_URL"));
            softly.assertThat(url.matches()).as("%s LADDER_DB_URL", id).isTrue();
            if (url.matches()) {
                String cluster = url.group(1);
                softly.assertThat(url.group(2)).as("%s database", id).isEqualTo(database);
                softly.assertThat(get(objects, "Cluster", cluster).path("spec").path("bootstrap").path("initdb")
                        .path("database").asString()).as("%s: cluster %s's database", id, cluster).isEqualTo(database);
                softly.assertThat(secretKey(env, "LADDER_DB_USER")).as(id).isEqualTo(cluster + "-app/username");
                softly.assertThat(secretKey(env, "LADDER_DB_PASSWORD")).as(id).isEqualTo(cluster + "-app/password");
                Matcher rootCert = Pattern.compile("sslrootcert=([^&]+)")
                        .matcher(url.group(3) == null ? "" : url.group(3));
                if (rootCert.find()) {
                    softly.assertThat(mountedSecret(objects, service, rootCert.group(1))).as("%s CA", id)
                            .isEqualTo(cluster + "-ca/ca.crt");
                }
            }

            // its own Kafka user (KafkaAcls), on the Kafka cluster's one listener, as that listener wants
            String user = KafkaAcls.User.of(service.shortName()).orElseThrow().username();
            softly.assertThat(value(env, "LADDER_KAFKA_USERNAME")).as(id).isEqualTo(user);
            softly.assertThat(secretKey(env, "LADDER_KAFKA_PASSWORD")).as(id).isEqualTo(user + "/password");
            softly.assertThat(Manifests.find(objects, "KafkaUser", user)).as("%s KafkaUser", id).isPresent();
            softly.assertThat(value(env, "LADDER_KAFKA_BOOTSTRAP")).as(id)
                    .isEqualTo(name(kafka) + "-kafka-bootstrap:" + listener.path("port").asInt());
            softly.assertThat(value(env, "LADDER_KAFKA_SASL_MECHANISM")).as(id).isEqualTo(KafkaAcls.MECHANISM)
                    .isEqualToIgnoringCase(listener.path("authentication").path("type").asString());
            boolean tls = listener.path("tls").asBoolean();
            softly.assertThat(value(env, "LADDER_KAFKA_SECURITY_PROTOCOL")).as(id)
                    .isEqualTo(tls ? "SASL_SSL" : "SASL_PLAINTEXT");
            if (tls) {
                softly.assertThat(secretKey(env, "SPRING_KAFKA_SSL_TRUST_STORE_CERTIFICATES")).as("%s Kafka CA", id)
                        .isEqualTo(name(kafka) + "-cluster-ca-cert/ca.crt");
                softly.assertThat(value(env, "SPRING_KAFKA_SSL_TRUST_STORE_TYPE")).as(id).isEqualTo("PEM");
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void theGatewayRoutesToTheServicesAndIsTheOnlyOneWithAnIngress(Path kustomization) {
        List<ObjectNode> objects = Kustomize.render(kustomization);
        LadderService gateway = gateway();
        Map<String, JsonNode> env = env(objects, gateway);

        // each ${LADDER_…_URL:http://localhost:<port>} of its routes names the Service of the service on that port
        Map<String, Integer> routes = new LinkedHashMap<>();
        Pattern route = Pattern.compile("\\$\\{(LADDER_[A-Z_]+_URL):http://localhost:(\\d+)}");
        gateway.settings().values().forEach(v -> route.matcher(v).results()
                .forEach(m -> routes.put(m.group(1), Integer.parseInt(m.group(2)))));
        assertThat(routes).isNotEmpty();
        routes.forEach((variable, port) -> {
            LadderService target = SERVICES.stream().filter(s -> s.port() == port).findFirst().orElseThrow();
            JsonNode targetService = get(objects, "Service", target.artifactId());
            assertThat(value(env, variable)).as(variable).isEqualTo("http://" + target.artifactId() + ":"
                    + targetService.path("spec").path("ports").get(0).path("port").asInt());
        });

        assertThat(ofKind(objects, "Ingress")).singleElement().satisfies(ingress -> {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode backend = path.path("backend").path("service");
                    assertThat(backend.path("name").asString()).isEqualTo(gateway.artifactId());
                    assertThat(backend.path("port").path("name").asString()).isEqualTo(
                            get(objects, "Service", gateway.artifactId()).path("spec").path("ports").get(0)
                                    .path("name").asString());
                }
            }
        });
        // its sessions' store
        assertThat(secretKey(env, "LADDER_REDIS_URL")).isEqualTo("ladder-redis/url");
        assertThat(Manifests.find(objects, "Service", "redis")).isPresent();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void progressServiceScalesUpToOneInstancePerPartition(Path kustomization) {
        List<ObjectNode> objects = Kustomize.render(kustomization);
        JsonNode autoscaler = get(objects, "HorizontalPodAutoscaler", "progress-service").path("spec");

        assertThat(autoscaler.path("scaleTargetRef").path("kind").asString()).isEqualTo("Deployment");
        assertThat(autoscaler.path("scaleTargetRef").path("name").asString()).isEqualTo("progress-service");
        assertThat(autoscaler.path("maxReplicas").asInt()).isLessThanOrEqualTo(KafkaAcls.PARTITIONS);
        // the autoscaler owns the count: a replicas field would reset it on every apply
        assertThat(get(objects, "Deployment", "progress-service").path("spec").has("replicas")).isFalse();
        assertThat(ofKind(objects, "HorizontalPodAutoscaler")).hasSize(1);
    }

    @Test
    void everyVariableLeftAtItsDefaultIsOneAServiceReads() {
        Set<String> read = SERVICES.stream().flatMap(s -> s.variables().stream()).collect(Collectors.toSet());
        assertThat(read).containsAll(Variables.LEFT_AT_DEFAULT.keySet());
    }

    // ---- helpers, shared with ComposeTest

    static LadderService gateway() {
        return SERVICES.stream().filter(s -> s.settings().keySet().stream()
                .anyMatch(k -> k.startsWith("spring.cloud.gateway"))).findFirst().orElseThrow();
    }

    static Map<String, JsonNode> env(List<ObjectNode> objects, LadderService service) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        for (JsonNode variable : onlyContainer(get(objects, "Deployment", service.artifactId()).path("spec")
                .path("template")).path("env")) {
            assertThat(env.put(variable.path("name").asString(), variable)).as("%s sets %s twice", service,
                    variable.path("name").asString()).isNull();
        }
        return env;
    }

    static Set<String> ladderVariables(Set<String> names) {
        return names.stream().filter(n -> n.startsWith("LADDER_")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode onlyContainer(JsonNode podTemplate) {
        JsonNode containers = podTemplate.path("spec").path("containers");
        assertThat(containers.size()).as("containers").isEqualTo(1);
        return containers.get(0);
    }

    private static String value(Map<String, JsonNode> env, String variable) {
        assertThat(env).containsKey(variable);
        assertThat(env.get(variable).has("value")).as("%s is a value", variable).isTrue();
        return env.get(variable).path("value").asString();
    }

    private static String secretKey(Map<String, JsonNode> env, String variable) {
        assertThat(env).containsKey(variable);
        JsonNode reference = env.get(variable).path("valueFrom").path("secretKeyRef");
        assertThat(reference.isMissingNode()).as("%s is from a Secret", variable).isFalse();
        return reference.path("name").asString() + "/" + reference.path("key").asString();
    }

    /** The Secret (name/key) mounted at the file's path in the service's container. */
    private static String mountedSecret(List<ObjectNode> objects, LadderService service, String file) {
        JsonNode pod = get(objects, "Deployment", service.artifactId()).path("spec").path("template").path("spec");
        for (JsonNode mount : onlyContainer(get(objects, "Deployment", service.artifactId()).path("spec")
                .path("template")).path("volumeMounts")) {
            String directory = mount.path("mountPath").asString();
            if (file.startsWith(directory + "/")) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").equals(mount.path("name"))) {
                        String key = file.substring(directory.length() + 1);
                        for (JsonNode item : volume.path("secret").path("items")) {
                            if (item.path("path").asString().equals(key)) {
                                return volume.path("secret").path("secretName").asString() + "/"
                                        + item.path("key").asString();
                            }
                        }
                    }
                }
            }
        }
        return "nothing mounted at " + file;
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asString().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        return -1;
    }

    /** A probe's or Service's port: a number, or the name of one of the container's ports. */
    private static int portNumber(JsonNode container, JsonNode port) {
        return port.isNumber() ? port.asInt() : containerPort(container, port.asString());
    }

    private static boolean selects(JsonNode selector, JsonNode podTemplate) {
        JsonNode labels = podTemplate.path("metadata").path("labels");
        return !selector.isEmpty() && selector.properties().stream()
                .allMatch(l -> labels.path(l.getKey()).equals(l.getValue()));
    }

    private static int minimumInstances(List<ObjectNode> objects, LadderService service) {
        return Manifests.find(objects, "HorizontalPodAutoscaler", service.artifactId())
                .map(a -> a.path("spec").path("minReplicas").asInt())
                .orElseGet(() -> get(objects, "Deployment", service.artifactId()).path("spec").path("replicas")
                        .asInt(1));
    }

    /**
     * Spring Boot's Kafka settings as environment variables, from the configuration metadata of the Boot module the
     * services use: a Deployment may set only settings that exist.
     */
    private static Set<String> springKafkaVariables() {
        Set<String> variables = new HashSet<>();
        try {
            for (URL metadata : Collections.list(ServiceManifestsTest.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = metadata.openStream()) {
                    for (JsonNode property : Repo.JSON.readTree(in).path("properties")) {
                        String name = property.path("name").asString();
                        if (name.startsWith("spring.kafka.")) {
                            variables.add(name.toUpperCase().replace('.', '_').replace('-', '_'));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(variables).as("spring-boot-kafka's configuration metadata").isNotEmpty();
        return variables;
    }
}
