package dev.ladder.devstack;

import dev.ladder.kafka.KafkaAcls;
import dev.ladder.keycloak.DemoUsers;

import java.util.Set;
import java.util.stream.Collectors;

/** What the person who ran the devstack needs to know once everything is up. */
final class Summary {

    private Summary() {
    }

    static String of(Platform platform) {
        PlatformConfig config = platform.config();
        StringBuilder out = new StringBuilder(System.lineSeparator());
        out.append("Ladder is ready after ").append(Steps.seconds(platform.startupTime()))
                .append(" (memory: ").append(Memory.format(platform.rssBytes())).append(" RSS in all processes)")
                .append(System.lineSeparator()).append(System.lineSeparator());
        if (config.services().contains(Service.GATEWAY)) {
            line(out, "Portal", platform.gatewayUrl());
        }
        line(out, "Demo users", DemoUsers.ALL.stream()
                .map(u -> u.username() + "/" + u.password() + " (" + mainRole(u.roles()) + ")")
                .collect(Collectors.joining(", ")));
        line(out, "Keycloak admin", platform.keycloakUrl() + "/admin  (admin/admin)");
        line(out, "Issuer", platform.issuerUri());
        for (Service service : config.services()) {
            String url = platform.url(service);
            // the gateway routes the services' APIs but publishes no OpenAPI document of its own; the services'
            // documents answer admins only (a bearer token of ada's)
            line(out, service.module(), (service == Service.GATEWAY ? url
                    : url + "   OpenAPI (admin) " + url + "/v3/api-docs") + instances(platform, service));
        }
        line(out, "Mail (GreenMail)", "SMTP localhost:" + platform.mail().smtpPort() + "; every e-mail sent is caught at "
                + platform.mail().viewerUrl() + "  (JSON " + platform.mail().viewerUrl() + "/api/messages)");
        line(out, "Kafka", platform.kafkaBootstrap() + (platform.kafkaNodeCount() > 1 ? "  ("
                + platform.kafkaNodeCount() + " nodes, replication factor 3, min.insync.replicas 2)" : "")
                + "  (" + KafkaAcls.SECURITY_PROTOCOL + " " + KafkaAcls.MECHANISM
                + "; users and ACLs: KafkaAcls; the demo LMS: " + KafkaAcls.User.LMS_ACME_ACADEMY.username() + "/"
                + KafkaAcls.User.LMS_ACME_ACADEMY.localPassword() + ")");
        line(out, "PostgreSQL", platform.jdbcUrl("<" + String.join("|", Platform.DATABASES) + ">")
                + "  (user " + platform.dbUser() + ", password " + platform.dbPassword() + ")");
        line(out, "Redis", platform.redisUrl() + "  (the gateway's sessions; LADDER_REDIS_URL)");
        if (config.services().isEmpty()) {
            line(out, "Services", "not started (--infra-only); their built-in defaults match the default ports;"
                    + " run them with the Spring profile " + Platform.LOCAL_PROFILE + " (SPRING_PROFILES_ACTIVE="
                    + Platform.LOCAL_PROFILE + "), which the local secrets need, and the service's Kafka user: "
                    + "LADDER_KAFKA_USERNAME, LADDER_KAFKA_PASSWORD (infra/kafka-access KafkaAcls.User), "
                    + "LADDER_KAFKA_SECURITY_PROTOCOL=" + KafkaAcls.SECURITY_PROTOCOL + "; the gateway's sessions: "
                    + "LADDER_REDIS_URL=" + platform.redisUrl());
            // not its Kafka: the tests' clients have no credentials for this broker (they keep their own in-JVM one)
            line(out, "Service tests", "reuse this stack with LADDER_TEST_POSTGRES_URL=" + platform.jdbcUrl("postgres")
                    + " LADDER_TEST_KEYCLOAK_URL=" + platform.keycloakUrl());
        }
        line(out, "Data", config.home() + "   (infra/devstack/run --wipe starts from scratch)");
        line(out, "Logs", config.logDir().toString());
        out.append(System.lineSeparator()).append("Press Ctrl-C to stop everything.");
        return out.toString();
    }

    /** With {@code --ha}: the front's instances, each reachable on its own port too. */
    private static String instances(Platform platform, Service service) {
        if (platform.instanceCount() == 1) {
            return "";
        }
        return System.lineSeparator() + String.format("  %-22s %s", "", "front over "
                + String.join(" and ", java.util.stream.IntStream.rangeClosed(1, platform.instanceCount())
                .mapToObj(n -> platform.instanceUrl(service, n)).toList()));
    }

    private static String mainRole(Set<String> roles) {
        return roles.contains("admin") ? "admin" : roles.contains("manager") ? "manager" : "employee";
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("  %-22s %s%n", label, value));
    }
}
