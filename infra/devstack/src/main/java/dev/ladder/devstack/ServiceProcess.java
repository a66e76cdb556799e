package dev.ladder.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One Spring Boot service running from its exec jar, ready once its readiness probe says UP. */
final class ServiceProcess implements AutoCloseable {

    /** Small heaps and the C1 compiler: a laptop runs five services plus Kafka and Keycloak at once. */

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Service service;
    private final int port;
    private final ChildProcess process;

    private ServiceProcess(Service service, int port, ChildProcess process) {
        this.service = service;
        this.port = port;
        this.process = process;
    }

    static ServiceProcess start(Service service, Path jar, List<String> jvmOptions, int port, Map<String, String> env,
                                Path workDir, Path logFile, boolean appendLog) {
        List<String> command = new java.util.ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        return new ServiceProcess(service, port,
                ChildProcess.start(service.module(), command, env, workDir, logFile, appendLog));
    }

    Service service() {
        return service;
    }

    String url() {
        return "http://localhost:" + port;
    }

    ChildProcess process() {
        return process;
    }

    /** Polls {@code /actuator/health/readiness}; fails at once if the process dies, with the end of its log. */
    void awaitReady(Duration timeout) {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure(service.module() + " exited with code " + process.exitCode() + " before it was ready.");
            }
            try {
                HttpResponse<String> response = HTTP.send(probe, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("Interrupted while waiting for " + service.module(), e);
            }
            pause();
        }
        throw failure(service.module() + " did not become ready within " + timeout.toSeconds() + " s (" + probe.uri()
                + ": " + last + ").");
    }

    private PlatformException failure(String what) {
        return new PlatformException(what + " Last lines of " + process.logFile() + ":" + System.lineSeparator()
                + process.logTail(30));
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while waiting for readiness", e);
        }
    }

    /** SIGKILL: see {@link ChildProcess#kill()}. */
    void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
