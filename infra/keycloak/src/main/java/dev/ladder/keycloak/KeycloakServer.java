package dev.ladder.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Runs the real Keycloak distribution ({@code keycloak-quarkus-dist} tar.gz from the local Maven repository)
 * as a child process with the {@code ladder} realm imported: {@code kc.sh start-dev --import-realm}.
 * <p>
 * A home is extracted once and reused. Extraction and any start that re-augments {@code lib/} (the first one,
 * or after the other {@code persistent} setting ran there) are serialized with a lock file, in this JVM and
 * across JVMs; later starts of an already built configuration run concurrently. Keep one home per
 * {@code persistent} setting so a re-augmentation never happens under a running server.
 * <p>
 * The server dies with this JVM: {@link #close()}, a shutdown hook, and a tiny watchdog process that also
 * covers a JVM killed with SIGKILL (no orphaned 500 MB Keycloak after an aborted test run).
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String VERSION = "26.5.6";
    public static final String REALM = "ladder";
    /** Classpath location of the realm export; the single source of truth for clients, roles and demo users. */
    public static final String REALM_RESOURCE = "keycloak/ladder-realm.json";
    public static final String DIST_PROPERTY = "ladder.keycloak.dist";
    public static final String DIST_ENV = "LADDER_KEYCLOAK_DIST";

    private static final String EXTRACTED_MARKER = ".ladder-extracted";
    private static final String BUILT_MARKER_PREFIX = ".ladder-built-";
    private static final Map<Path, ReentrantLock> HOME_LOCKS = new ConcurrentHashMap<>();

    private final Options options;
    private final int port;
    private final Process process;
    private final Process watchdog;
    private final Thread shutdownHook;
    private volatile boolean closed;

    /**
     * @param home          directory the distribution is extracted into (reused when already extracted)
     * @param port          HTTP port; 0 picks a free one
     * @param persistent    true: {@code --db=dev-file} (data survives restarts, inside home); false: {@code dev-mem}
     * @param logFile       where Keycloak's console output goes; null: {@code <home>/log/keycloak-<port>.log}
     * @param distribution  the tar.gz; null: {@link #distribution()}
     * @param extraArgs     further {@code kc.sh} arguments (runtime options only, or use a separate home)
     */
    public record Options(Path home, int port, boolean persistent, String adminUser, String adminPassword,
                          Path logFile, Path distribution, Duration startTimeout, List<String> extraArgs) {

        public Options {
            if (home == null) {
                throw new IllegalArgumentException("home is required");
            }
            home = home.toAbsolutePath().normalize();
            adminUser = adminUser == null ? "admin" : adminUser;
            adminPassword = adminPassword == null ? "admin" : adminPassword;
            startTimeout = startTimeout == null ? Duration.ofSeconds(180) : startTimeout;
            extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        }

        public static Builder builder(Path home) {
            return new Builder(home);
        }
    }

    public static final class Builder {
        private final Path home;
        private int port;
        private boolean persistent;
        private String adminUser;
        private String adminPassword;
        private Path logFile;
        private Path distribution;
        private Duration startTimeout;
        private List<String> extraArgs;

        private Builder(Path home) {
            this.home = home;
        }

        public Builder port(int port) { this.port = port; return this; }
        public Builder persistent(boolean persistent) { this.persistent = persistent; return this; }
        public Builder admin(String user, String password) { this.adminUser = user; this.adminPassword = password; return this; }
        public Builder logFile(Path logFile) { this.logFile = logFile; return this; }
        public Builder distribution(Path distribution) { this.distribution = distribution; return this; }
        public Builder startTimeout(Duration startTimeout) { this.startTimeout = startTimeout; return this; }
        public Builder extraArgs(List<String> extraArgs) { this.extraArgs = extraArgs; return this; }

        public Options build() {
            return new Options(home, port, persistent, adminUser, adminPassword, logFile, distribution,
                    startTimeout, extraArgs);
        }

        public KeycloakServer start() {
            return KeycloakServer.start(build());
        }
    }

    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** Extracts (if needed), launches and waits until the realm's discovery document answers. */
    public static KeycloakServer start(Options options) {
        Path dist = options.distribution() != null ? options.distribution() : distribution();
        if (!Files.isRegularFile(dist)) {
            throw new IllegalStateException("Keycloak distribution not found at " + dist);
        }
        ReentrantLock inJvm = HOME_LOCKS.computeIfAbsent(options.home(), h -> new ReentrantLock());
        inJvm.lock();
        FileChannel channel = null;
        try {
            channel = lockChannel(options.home());
            channel.lock();
            extractIfNeeded(dist, options.home());
            installRealm(options.home());
            Path built = options.home().resolve(BUILT_MARKER_PREFIX + dbKind(options));
            if (Files.exists(built)) {
                // lib/ already holds this configuration: nothing is written there, so starts may overlap
                channel.close(); // releases the file lock
                channel = null;
                inJvm.unlock();
                inJvm = null;
                return launch(options);
            }
            // this start re-augments lib/ (first start, or the other db kind ran last): keep everyone out
            try (Stream<Path> markers = Files.list(options.home())) {
                for (Path marker : markers.filter(m -> m.getFileName().toString().startsWith(BUILT_MARKER_PREFIX)).toList()) {
                    Files.delete(marker);
                }
            }
            KeycloakServer server = launch(options);
            Files.writeString(built, VERSION + System.lineSeparator());
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak in " + options.home(), e);
        }
        finally {
            if (channel != null) {
                try {
                    channel.close(); // releases the file lock too
                }
                catch (IOException ignored) {
                    // the lock goes with the channel either way
                }
            }
            if (inJvm != null) {
                inJvm.unlock();
            }
        }
    }

    /**
     * The distribution tar.gz: system property {@value #DIST_PROPERTY}, else env {@value #DIST_ENV}, else the
     * local Maven repository.
     */
    public static Path distribution() {
        String fromProperty = System.getProperty(DIST_PROPERTY);
        String fromEnv = System.getenv(DIST_ENV);
        Path fromM2 = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "keycloak",
                "keycloak-quarkus-dist", VERSION, "keycloak-quarkus-dist-" + VERSION + ".tar.gz");
        Path chosen = notBlank(fromProperty) ? Path.of(fromProperty) : notBlank(fromEnv) ? Path.of(fromEnv) : fromM2;
        if (!Files.isRegularFile(chosen)) {
            throw new IllegalStateException("Keycloak " + VERSION + " distribution not found at " + chosen
                    + ". Looked at: system property " + DIST_PROPERTY + "=" + fromProperty
                    + ", env " + DIST_ENV + "=" + fromEnv + ", default " + fromM2
                    + ". Fetch it with: mvn dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:"
                    + VERSION + ":tar.gz");
        }
        return chosen;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String issuerUri() {
        return baseUrl() + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    /** Pid of {@code kc.sh}; the Keycloak JVM is its child. */
    public long pid() {
        return process.pid();
    }

    public Options options() {
        return options;
    }

    public Path logFile() {
        return logFileOf(options, port);
    }

    public TokenClient tokenClient() {
        return new TokenClient(issuerUri());
    }

    public boolean isAlive() {
        return process.isAlive();
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

    @Override
    public String toString() {
        return "Keycloak " + VERSION + " at " + baseUrl() + " (pid " + pid() + ", " + dbKind(options)
                + " db, home " + options.home() + ")";
    }

    // ---------------------------------------------------------------------------------------------------------

    private KeycloakServer(Options options, int port, Process process, Process watchdog) {
        this.options = options;
        this.port = port;
        this.process = process;
        this.watchdog = watchdog;
        this.shutdownHook = new Thread(this::close, "keycloak-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static KeycloakServer launch(Options options) throws IOException {
        // chosen only now: waiting for the lock can take a while and a port picked earlier may be gone
        int port = options.port() == 0 ? freePort() : options.port();
        // a port picked by the system can be taken again at once, as the local end of any outgoing connection
        // (Kafka and JDBC clients open many): pick another then; a port asked for must be free
        for (int attempt = 1; options.port() == 0 && attempt < 5 && !isFree(port); attempt++) {
            port = freePort();
        }
        requirePortFree(port);
        Path logFile = logFileOf(options, port);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(List.of(
                options.home().resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                "--http-host=127.0.0.1",
                // fixed frontend URL: the token issuer is http://localhost:<port>/realms/ladder however it is called
                "--hostname=http://localhost:" + port,
                "--db=" + dbKind(options),
                "--import-realm"));
        command.addAll(options.extraArgs());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(options.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        // an inherited KC_* or JAVA_OPTS would silently change what we start
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("JAVA_OPTS") || k.equals("JAVA"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", options.adminUser());
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", options.adminPassword());

        long started = System.nanoTime();
        Process process = builder.start();
        Process watchdog = startWatchdog(process.pid());
        KeycloakServer server = new KeycloakServer(options, port, process, watchdog);
        try {
            server.awaitReady(options.startTimeout(), logFile);
        }
        catch (RuntimeException e) {
            server.close();
            throw e;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("[ladder] " + server + " ready in " + millis + " ms, log " + logFile);
        return server;
    }

    private void awaitReady(Duration timeout, Path logFile) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(issuerUri() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).GET().build();
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
                        + logFile + ":\n" + tail(logFile, 60));
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
                + " s. Log " + logFile + ":\n" + tail(logFile, 60));
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

    private static FileChannel lockChannel(Path home) throws IOException {
        Path lockFile = home.resolveSibling(home.getFileName() + ".lock");
        Files.createDirectories(lockFile.getParent());
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static void extractIfNeeded(Path dist, Path home) throws IOException {
        Path marker = home.resolve(EXTRACTED_MARKER);
        if (Files.isRegularFile(marker) && Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return;
        }
        Files.createDirectories(home);
        long started = System.nanoTime();
        Process tar = new ProcessBuilder("tar", "-xzf", dist.toString(), "-C", home.toString(), "--strip-components=1")
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("extracting " + dist + " into " + home + " failed: " + output);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tar.destroyForcibly();
            throw new IllegalStateException("interrupted while extracting " + dist, e);
        }
        Files.writeString(marker, dist + System.lineSeparator());
        System.out.println("[ladder] extracted Keycloak " + VERSION + " into " + home + " in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    }

    private static void installRealm(Path home) throws IOException {
        Path importDir = home.resolve("data").resolve("import");
        Files.createDirectories(importDir);
        Path tmp = Files.createTempFile(importDir, ".ladder-realm", ".tmp");
        try (InputStream realm = KeycloakServer.class.getClassLoader().getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException(REALM_RESOURCE + " not on the classpath");
            }
            Files.copy(realm, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        // atomic: a server that starts from the same home never reads half a file
        Files.move(tmp, importDir.resolve("ladder-realm.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
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

    private static String dbKind(Options options) {
        return options.persistent() ? "dev-file" : "dev-mem";
    }

    private static Path logFileOf(Options options, int port) {
        return options.logFile() != null ? options.logFile()
                : options.home().resolve("log").resolve("keycloak-" + port + ".log");
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
