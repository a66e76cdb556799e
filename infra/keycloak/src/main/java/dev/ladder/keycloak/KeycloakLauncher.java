package dev.ladder.keycloak;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ladder.keycloak.KeycloakServer.Options;

/**
 * Starts {@code kc.sh start-dev} from a prepared home: chooses the port, builds the command line and the
 * environment, and sends the console output to the log file. Does not wait for readiness ({@link ReadinessWatcher}).
 */
final class KeycloakLauncher {

    private KeycloakLauncher() {
    }

    static KeycloakProcess launch(Options options) throws IOException {
        int port = choosePort(options.port());
        Path logFile = options.logFileFor(port);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command(options, port))
                .directory(options.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        configureEnvironment(builder.environment(), options);
        long started = System.nanoTime();
        return KeycloakProcess.watch(builder.start(), port, logFile, started);
    }

    private static List<String> command(Options options, int port) {
        List<String> command = new ArrayList<>(List.of(
                options.home().resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                "--http-host=127.0.0.1",
                // fixed frontend URL: the token issuer is http://localhost:<port>/realms/ladder however it is called
                "--hostname=http://localhost:" + port,
                "--db=" + options.dbKind(),
                "--import-realm"));
        command.addAll(options.extraArgs());
        return command;
    }

    private static void configureEnvironment(Map<String, String> env, Options options) {
        // an inherited KC_* or JAVA_OPTS would silently change what we start
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("JAVA_OPTS") || k.equals("JAVA"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // kc.sh appends these to its own JVM options. This Keycloak is a dev-mode server for tests and the devstack,
        // started many times per build and then barely loaded: the client compiler alone cuts its start on a small
        // machine, at a cost in peak speed it never reaches. A production Keycloak is not started through this class.
        env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", options.adminUser());
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", options.adminPassword());
    }

    /**
     * Called only once the home lock is held: waiting for it can take a while and a port picked earlier may be
     * gone by then.
     */
    private static int choosePort(int requested) {
        int port = requested == 0 ? freePort() : requested;
        // a port picked by the system can be taken again at once, as the local end of any outgoing connection
        // (Kafka and JDBC clients open many): pick another then; a port asked for must be free
        for (int attempt = 1; requested == 0 && attempt < 5 && !isFree(port); attempt++) {
            port = freePort();
        }
        requirePortFree(port);
        return port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static void requirePortFree(int port) {
        // otherwise a server already listening there (say, the devstack's) would pass the readiness check
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // free
        }
        catch (IOException e) {
            throw new IllegalStateException("port " + port + " is already in use; cannot start Keycloak there", e);
        }
    }
}
