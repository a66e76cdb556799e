package dev.ladder.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One throw-away Keycloak ({@code dev-mem}) for all the test JVMs of a build, instead of one per JVM.
 * <p>
 * Every service module's tests need a real Keycloak, and starting one costs more CPU than most of those modules'
 * tests do. A test JVM {@link #lease leases} the shared server: it holds a <em>shared</em> file lock on
 * {@code users.lock} for as long as it lives (the operating system releases it however the JVM ends), and starts
 * the server if none answers. The server runs under a small watchdog process ({@link #main}) that stops it once
 * nobody has held a lease for {@link #IDLE}: between two modules of a build it stays up; after the build, or after
 * a build that was killed, it goes away on its own.
 * <p>
 * The directory is named after the Keycloak version and the realm file's content, so a server started from another
 * realm is never reused. Tests that create accounts give them unique names, so JVMs that share the server (two
 * modules tested at once, two builds on one machine) do not see each other's data in a way that matters.
 */
public final class SharedKeycloak {

    /** How long the server outlives its last lease: long enough to bridge two modules of one build. */
    public static final Duration IDLE = Duration.ofSeconds(60);
    private static final Duration CHECK = Duration.ofSeconds(1);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final String SERVER_FILE = "server.properties";
    /** util-linux's setsid, on every Linux this runs on; elsewhere the watchdog shares the starting build's group. */
    private static final Optional<Path> SETSID = Optional.of(Path.of("/usr/bin/setsid"));

    private SharedKeycloak() {
    }

    /** This JVM's leases by directory: the JDK refuses a second lock on a file within one JVM, so they are shared. */
    private static final Map<Path, Lease> HELD = new HashMap<>();
    private static final Map<Path, Object> STARTING = new HashMap<>();

    /**
     * A JVM's hold on the shared server; the server stays up at least while it is held. Leasing again in the same
     * JVM (the testkit and the e2e platform, say) returns the same lease; it ends when every holder closed it.
     */
    public static final class Lease implements AutoCloseable {
        private final Path dir;
        private final String baseUrl;
        private final long pid;
        private final Path logFile;
        private final FileChannel users;
        private int holders = 1;

        private Lease(Path dir, String baseUrl, long pid, Path logFile, FileChannel users) {
            this.dir = dir;
            this.baseUrl = baseUrl;
            this.pid = pid;
            this.logFile = logFile;
            this.users = users;
        }

        public String baseUrl() {
            return baseUrl;
        }

        public long pid() {
            return pid;
        }

        public Path logFile() {
            return logFile;
        }

        /** Ends the lease (the file lock goes with the channel); the watchdog stops the server once all have. */
        @Override
        public void close() {
            synchronized (HELD) {
                if (holders == 0 || --holders > 0) {
                    return;
                }
                HELD.remove(dir);
            }
            try {
                users.close();
            } catch (IOException ignored) {
                // the lock is released with the channel either way
            }
        }
    }

    /**
     * Leases the shared Keycloak whose home is {@code home} (extracted and built there once, as
     * {@link KeycloakServer} does), starting it under its watchdog if none answers. Blocks while another JVM starts
     * it.
     */
    public static Lease lease(Path home) {
        return lease(home, home.resolveSibling(home.getFileName() + "-shared-" + fingerprint()), IDLE);
    }

    /** As {@link #lease(Path)}, described in {@code dir}; a server started now stops {@code idle} after its last lease. */
    static Lease lease(Path home, Path dir, Duration idle) {
        Object starting;
        synchronized (HELD) {
            starting = STARTING.computeIfAbsent(dir, d -> new Object());
        }
        // one lease per directory at a time in this JVM (a start takes a while); other directories go on meanwhile
        synchronized (starting) {
            synchronized (HELD) {
                Lease held = HELD.get(dir);
                if (held != null) {
                    held.holders++;
                    return held;
                }
            }
            Lease lease = leaseAcrossJvms(home, dir, idle);
            synchronized (HELD) {
                HELD.put(dir, lease);
            }
            return lease;
        }
    }

    private static Lease leaseAcrossJvms(Path home, Path dir, Duration idle) {
        FileChannel users = null;
        try {
            Files.createDirectories(dir);
            // readable too: a shared lock needs a channel open for reading
            users = FileChannel.open(dir.resolve("users.lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            // first the lease, then the look: the watchdog stops the server only while it can lock users.lock
            // exclusively, which no lease allows, so a server found below stays up for this JVM
            users.lock(0, Long.MAX_VALUE, true);
            try (FileChannel start = FileChannel.open(dir.resolve("start.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = start.lock()) {
                Properties server = running(dir).orElseGet(() -> startWatchdog(home, dir, idle));
                return new Lease(dir, server.getProperty("url"), Long.parseLong(server.getProperty("pid")),
                        Path.of(server.getProperty("log")), users);
            }
        } catch (IOException | RuntimeException e) {
            if (users != null) {
                try {
                    users.close();
                } catch (IOException ignored) {
                    // failing anyway
                }
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot lease the shared Keycloak in " + dir, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The server described in the directory, if it still answers; a stale description is removed. */
    private static Optional<Properties> running(Path dir) throws IOException {
        Path file = dir.resolve(SERVER_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties server = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            server.load(in);
        }
        boolean watchdogAlive = ProcessHandle.of(Long.parseLong(server.getProperty("watchdog", "-1")))
                .map(ProcessHandle::isAlive).orElse(false);
        if (watchdogAlive && answers(server.getProperty("url"))) {
            return Optional.of(server);
        }
        Files.deleteIfExists(file);
        return Optional.empty();
    }

    private static boolean answers(String baseUrl) {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(new URI(baseUrl + "/realms/" + KeycloakServer.REALM
                                    + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException | URISyntaxException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts the watchdog (which starts Keycloak) and waits until it has described the server. */
    private static Properties startWatchdog(Path home, Path dir, Duration idle) {
        try {
            Path log = dir.resolve("watchdog.log");
            String classpath = Path.of(SharedKeycloak.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toString();
            List<String> command = new ArrayList<>();
            // its own session: the server is shared, so it must not die with the build that happened to start it
            // (Ctrl-C in that build's terminal, or a time-out killing its process group, would take it from every
            // other build using it)
            SETSID.filter(Files::isExecutable).ifPresent(setsid -> command.add(setsid.toString()));
            command.addAll(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", classpath, SharedKeycloak.class.getName(),
                    home.toString(), dir.toString(), KeycloakServer.distribution().toString(),
                    Long.toString(idle.toSeconds())));
            Process watchdog = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                Optional<Properties> server = running(dir);
                if (server.isPresent()) {
                    return server.get();
                }
                if (!watchdog.isAlive()) {
                    throw new IllegalStateException("the shared Keycloak's watchdog exited with "
                            + watchdog.exitValue() + " before the server was up; see " + log);
                }
                Thread.sleep(250);
            }
            watchdog.destroy();
            throw new IllegalStateException("the shared Keycloak was not up within " + START_TIMEOUT + "; see " + log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the shared Keycloak started", e);
        }
    }

    /**
     * The watchdog: starts Keycloak, describes it in {@value #SERVER_FILE}, and stops it once no lease has been
     * held for the idle time (or when it dies). Arguments: home, shared directory, distribution, idle seconds.
     */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        Duration idle = Duration.ofSeconds(Long.parseLong(args[3]));
        KeycloakServer server = KeycloakServer.builder(home).distribution(Path.of(args[2])).persistent(false)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        describe(dir, server);
        System.out.println(Instant.now() + " " + server + " is up");
        try (FileChannel users = FileChannel.open(dir.resolve("users.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel start = FileChannel.open(dir.resolve("start.lock"), StandardOpenOption.CREATE,
                     StandardOpenOption.WRITE)) {
            Instant idleSince = null;
            while (true) {
                Thread.sleep(CHECK.toMillis());
                // under start.lock: no JVM is between taking its lease and reading the description
                try (FileLock ignored = start.lock()) {
                    if (!server.isAlive()) {
                        Files.deleteIfExists(dir.resolve(SERVER_FILE));
                        System.out.println(Instant.now() + " Keycloak exited on its own");
                        break;
                    }
                    try (FileLock nobody = users.tryLock()) {
                        if (nobody == null) {
                            idleSince = null;
                            continue;
                        }
                        idleSince = idleSince == null ? Instant.now() : idleSince;
                        if (Duration.between(idleSince, Instant.now()).compareTo(idle) >= 0) {
                            Files.deleteIfExists(dir.resolve(SERVER_FILE));
                            System.out.println(Instant.now() + " no lease for " + idle.toSeconds() + " s: stopping");
                            break;
                        }
                    }
                }
            }
        }
        server.close();
        System.exit(0);
    }

    private static void describe(Path dir, KeycloakServer server) throws IOException {
        Properties description = new Properties();
        description.setProperty("url", server.baseUrl());
        description.setProperty("pid", Long.toString(server.pid()));
        description.setProperty("log", server.logFile().toString());
        description.setProperty("watchdog", Long.toString(ProcessHandle.current().pid()));
        Path tmp = Files.createTempFile(dir, ".server", ".tmp");
        try (var out = Files.newOutputStream(tmp)) {
            description.store(out, "the shared test Keycloak; removed by its watchdog when it stops");
        }
        // atomic: a JVM looking for the server never reads half a description
        Files.move(tmp, dir.resolve(SERVER_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Keycloak's version and the realm file's content: a server started from anything else is not reused. */
    private static String fingerprint() {
        try (InputStream realm = SharedKeycloak.class.getClassLoader()
                .getResourceAsStream(KeycloakServer.REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException(KeycloakServer.REALM_RESOURCE + " not on the classpath");
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(KeycloakServer.VERSION.getBytes(StandardCharsets.UTF_8));
            sha.update(realm.readAllBytes());
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
