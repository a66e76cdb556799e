package dev.ladder.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until a launched Keycloak answers, and says why when it does not: the failure carries the end of its log,
 * since that is where Keycloak explains itself.
 */
final class ReadinessWatcher {

    private static final int TAIL_LINES = 60;

    private ReadinessWatcher() {
    }

    /**
     * Returns once {@code probe} answers 200. The realm's discovery document rather than a health endpoint: it
     * answers only after the realm import, which is what callers need.
     *
     * @throws IllegalStateException when the process exits first, the timeout passes, or the thread is interrupted
     */
    static void awaitReady(KeycloakProcess process, URI probeUri, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(probeUri).timeout(Duration.ofSeconds(5)).GET().build();
        Path logFile = process.logFile();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException notYet) {
                // not listening yet
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            // waiting on the exit doubles as the poll interval and notices a crash at once
            try {
                int exit = process.onExit().get(500, TimeUnit.MILLISECONDS).exitValue();
                throw new IllegalStateException("Keycloak exited with code " + exit + " before it was ready. Log "
                        + logFile + ":\n" + tail(logFile, TAIL_LINES));
            }
            catch (TimeoutException stillRunning) {
                // keep polling
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Keycloak did not answer " + probe.uri() + " within " + timeout.toSeconds()
                + " s. Log " + logFile + ":\n" + tail(logFile, TAIL_LINES));
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException | UncheckedIOException e) {
            // the failure being reported matters more than the log
            return "(log unreadable: " + e + ")";
        }
    }
}
