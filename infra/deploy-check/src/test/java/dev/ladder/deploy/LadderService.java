package dev.ladder.deploy;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a deployable service is, as its code says: the Maven modules with a Spring Boot jar, their jar's name, the port
 * and the environment variables their configuration reads, and the Actuator paths their probes must use. The
 * deployment files are checked against this, never against a copy of it.
 *
 * @param module     the module's directory, e.g. {@code catalog-service}
 * @param artifactId also the name of its image, Deployment, Service and compose service
 * @param jar        the Spring Boot jar the build leaves in {@code target/}
 * @param port       the HTTP port it listens on when its port variable is left alone
 * @param portVariable the variable that would move it (the deployments leave it: the images listen on {@link #port})
 * @param variables  every {@code LADDER_*} variable it reads
 * @param settings   its application.yml, flattened (property name to raw value, placeholders unresolved)
 * @param usesKit    whether it is built on infra/service-kit (Kafka, the kit's variables)
 */
record LadderService(String module, String artifactId, String jar, int port, String portVariable,
                     Set<String> variables, Map<String, String> settings, boolean usesKit) {

    /** {@code ${NAME}} or {@code ${NAME:default}} in a property value. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(LADDER_[A-Z0-9_]+)(?::([^}]*))?}");
    /** The service kit's own variables are documented where it binds them (ladder.kafka.* by relaxed binding). */
    private static final String KIT_VARIABLES = "infra/service-kit/src/main/java/dev/ladder/kit/messaging/"
            + "LadderKafkaProperties.java";

    /** Every module of the root pom that builds a Spring Boot application. */
    static List<LadderService> all() {
        Document root = Repo.pom(".");
        String version = Repo.child(root.getDocumentElement(), "version").orElseThrow();
        String classifier = Repo.elements(root, "plugin").stream()
                .filter(p -> Repo.child(p, "artifactId").orElse("").equals("spring-boot-maven-plugin"))
                .flatMap(p -> Repo.descendants(p, "classifier").stream())
                .map(Element::getTextContent).findFirst().orElse(null);
        List<LadderService> services = Repo.elements(root, "module").stream().map(Element::getTextContent)
                .filter(LadderService::isBootApplication)
                .map(module -> of(module, version, classifier)).toList();
        if (services.isEmpty()) {
            throw new IllegalStateException("No Spring Boot application among the root pom's modules");
        }
        return services;
    }

    static LadderService named(String artifactId) {
        return all().stream().filter(s -> s.artifactId.equals(artifactId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + artifactId));
    }

    private static boolean isBootApplication(String module) {
        return Repo.elements(Repo.pom(module), "plugin").stream()
                .anyMatch(p -> Repo.child(p, "artifactId").orElse("").equals("spring-boot-maven-plugin"));
    }

    private static LadderService of(String module, String version, String classifier) {
        Document pom = Repo.pom(module);
        String artifactId = Repo.child(pom.getDocumentElement(), "artifactId").orElseThrow();
        String jar = artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar";
        boolean usesKit = Repo.elements(pom, "dependency").stream()
                .anyMatch(d -> Repo.child(d, "artifactId").orElse("").equals("service-kit"));

        Map<String, String> settings = Repo.flatten(Repo.yaml(Repo.path(module)
                .resolve("src/main/resources/application.yml")));
        Matcher port = PLACEHOLDER.matcher(Optional.ofNullable(settings.get("server.port")).orElseThrow(
                () -> new IllegalStateException(module + " sets no server.port")));
        if (!port.matches() || port.group(2) == null) {
            throw new IllegalStateException(module + "'s server.port is not ${LADDER_…:<port>}");
        }

        Set<String> variables = new TreeSet<>();
        // placeholders anywhere in its configuration and code (e.g. @Value), comments aside as far as they hold none
        try (Stream<Path> files = Files.walk(Repo.path(module).resolve("src/main"))) {
            files.filter(f -> f.toString().matches(".*\\.(java|ya?ml|properties)$"))
                    .forEach(f -> PLACEHOLDER.matcher(Repo.read(f)).results().forEach(m -> variables.add(m.group(1))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (usesKit) {
            Pattern.compile("\\{@code (LADDER_[A-Z0-9_]+)}").matcher(Repo.read(KIT_VARIABLES)).results()
                    .forEach(m -> variables.add(m.group(1)));
        }
        return new LadderService(module, artifactId, jar, Integer.parseInt(port.group(2)), port.group(1),
                Set.copyOf(variables), settings, usesKit);
    }

    /** The name its database and Kafka consumer groups use: {@code catalog} for catalog-service. */
    String shortName() {
        return artifactId.replaceFirst("-service$", "");
    }

    /** The default of a {@code ${LADDER_…:default}} placeholder in one of its settings. */
    String defaultOf(String property) {
        Matcher matcher = PLACEHOLDER.matcher(Optional.ofNullable(settings.get(property)).orElseThrow(
                () -> new IllegalStateException(artifactId + " has no setting " + property)));
        if (!matcher.matches()) {
            throw new IllegalStateException(artifactId + "'s " + property + " is not one ${LADDER_…:default}");
        }
        return matcher.group(2);
    }

    /** The variable a setting reads, e.g. LADDER_CATALOG_URL for the gateway's catalog route. */
    String variableOf(String value) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        if (!matcher.find()) {
            throw new IllegalStateException("No LADDER_ placeholder in " + value);
        }
        return matcher.group(1);
    }

    /** The path of an Actuator health group; the probes must use these (and the groups must be switched on). */
    String healthGroupPath(String group) {
        if (!"true".equals(settings.get("management.endpoint.health.probes.enabled"))) {
            throw new IllegalStateException(artifactId + " does not enable the liveness and readiness groups "
                    + "(management.endpoint.health.probes.enabled)");
        }
        if (!settings.getOrDefault("management.endpoints.web.exposure.include", "health").contains("health")) {
            throw new IllegalStateException(artifactId + " does not expose the health endpoint over HTTP");
        }
        return settings.getOrDefault("management.endpoints.web.base-path", "/actuator") + "/health/" + group;
    }

    /** The path Prometheus scrapes; the service must expose the endpoint. */
    String prometheusPath() {
        if (!settings.getOrDefault("management.endpoints.web.exposure.include", "health").contains("prometheus")) {
            throw new IllegalStateException(artifactId + " does not expose the prometheus endpoint over HTTP");
        }
        return settings.getOrDefault("management.endpoints.web.base-path", "/actuator") + "/prometheus";
    }

    /** The port the Actuator answers on: its own management port if set, else the service's. */
    int managementPort() {
        return Optional.ofNullable(settings.get("management.server.port")).map(Integer::parseInt).orElse(port);
    }

    @Override
    public String toString() {
        return artifactId;
    }
}
