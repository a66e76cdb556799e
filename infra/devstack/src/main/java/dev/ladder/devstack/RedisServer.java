package dev.ladder.devstack;

import redis.embedded.core.ExecutableProvider;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The gateway's session store: a {@code redis-server} child process on loopback — the machine's own where it has
 * one, else the Linux binary inside the embedded-redis jar (Redis 6.2, the GUIDE's recipe). Sessions are written to
 * an append-only file under the data home, so a devstack restart logs nobody out either.
 */
final class RedisServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final int port;

    private RedisServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static RedisServer start(Path dir, int port, Path logFile) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PlatformException("Could not create " + dir + ": " + e.getMessage(), e);
        }
        List<String> command = List.of(executable(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--protected-mode", "yes", "--dir", dir.toAbsolutePath().toString(),
                // every write in the append-only file, fsynced once a second; no snapshots besides
                "--appendonly", "yes", "--appendfsync", "everysec", "--save", "");
        RedisServer server = new RedisServer(ChildProcess.start("Redis", command, Map.of(), dir, logFile, true), port);
        server.awaitReady();
        return server;
    }

    /** The machine's redis-server if it has one, else the one the embedded-redis jar carries (extracted once). */
    private static String executable() {
        try {
            return ExecutableProvider.newExecutableInPath("redis-server").get().getAbsolutePath();
        } catch (FileNotFoundException notInstalled) {
            try {
                return ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
            } catch (IOException e) {
                throw new PlatformException("Could not extract redis-server from the embedded-redis jar: " + e, e);
            }
        } catch (IOException e) {
            throw new PlatformException("Could not find redis-server: " + e, e);
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    ChildProcess process() {
        return process;
    }

    /** Until it answers PING (it loads the append-only file before it does). */
    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive()) {
                throw new PlatformException("Redis exited with code " + process.exitCode() + ". Last lines of "
                        + process.logFile() + ":" + System.lineSeparator() + process.logTail(20));
            }
            if (System.nanoTime() > deadline) {
                process.close();
                throw new PlatformException("Redis did not answer within " + STARTUP_TIMEOUT.toSeconds() + " s; see "
                        + process.logFile());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("Interrupted while waiting for Redis", e);
            }
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.close(); // SIGTERM: Redis flushes the append-only file and exits
    }
}
