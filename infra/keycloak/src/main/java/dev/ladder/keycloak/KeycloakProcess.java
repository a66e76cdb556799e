package dev.ladder.keycloak;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A launched {@code kc.sh} and the Keycloak JVM under it, tied to the life of this JVM: {@link #close()}, a
 * shutdown hook, and a tiny watchdog process that also covers a JVM killed with SIGKILL (no orphaned 500 MB
 * Keycloak after an aborted test run).
 */
final class KeycloakProcess implements AutoCloseable {

    private final Process process;
    private final Process watchdog;
    private final int port;
    private final Path logFile;
    private final long startedNanos;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private KeycloakProcess(Process process, Process watchdog, int port, Path logFile, long startedNanos) {
        this.process = process;
        this.watchdog = watchdog;
        this.port = port;
        this.logFile = logFile;
        this.startedNanos = startedNanos;
        this.shutdownHook = new Thread(this::close, "keycloak-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Takes charge of a just-started {@code kc.sh}: from now on it dies with this JVM. */
    static KeycloakProcess watch(Process process, int port, Path logFile, long startedNanos) throws IOException {
        return new KeycloakProcess(process, startWatchdog(process.pid()), port, logFile, startedNanos);
    }

    int port() {
        return port;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    long millisSinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** Stops kc.sh and the Keycloak JVM (SIGTERM, then SIGKILL after 30 s) and waits for them to exit. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopTree(process, Duration.ofSeconds(30));
        watchdog.destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (IllegalStateException alreadyShuttingDown) {
            // close() called from the hook itself
        }
    }

    /** Sends SIGTERM to kc.sh once the given JVM is gone; kc.sh forwards it to the Keycloak JVM. */
    private static Process startWatchdog(long keycloakPid) throws IOException {
        long jvmPid = ProcessHandle.current().pid();
        String script = "while kill -0 " + jvmPid + " 2>/dev/null && kill -0 " + keycloakPid + " 2>/dev/null;"
                + " do sleep 2; done; kill -TERM " + keycloakPid + " 2>/dev/null; exit 0";
        return new ProcessBuilder("sh", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void stopTree(Process process, Duration grace) {
        // collect first: once kc.sh is gone its children are re-parented and no longer found as descendants
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, grace)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, Duration.ofSeconds(10));
        }
    }

    private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : handles) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException e) {
                return false;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            catch (ExecutionException e) {
                return false;
            }
        }
        return true;
    }
}
