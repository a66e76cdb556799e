package dev.ladder.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * <p>
 * This class is the public face and the start sequence; the package-private helpers do the work:
 * {@code KeycloakDistribution} (archive, extraction, realm file), {@code HomeLock} and {@code BuiltConfiguration}
 * (who may use a home when), {@code KeycloakLauncher} (port, command line, environment), {@code ReadinessWatcher}
 * (waiting until it answers) and {@code KeycloakProcess} (keeping it tied to this JVM and stopping it).
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String VERSION = "26.5.6";
    public static final String REALM = "ladder";
    /** Classpath location of the realm export; the single source of truth for clients, roles and demo users. */
    public static final String REALM_RESOURCE = "keycloak/ladder-realm.json";
    /**
     * Classpath location of the realm for real deployments: the same roles, audience mapper and clients, but no demo
     * users, no {@code ladder-cli} and no password grant at all, brute-force protection on, short token lifetimes,
     * and the client secrets and the portal's address taken from environment variables when Keycloak imports it
     * ({@code ${LADDER_KEYCLOAK_CLIENT_SECRET}}, {@code ${LADDER_PROVISIONER_CLIENT_SECRET}},
     * {@code ${LADDER_METRICS_CLIENT_SECRET}}, {@code ${LADDER_PORTAL_URL}}). Never started by this class.
     */
    public static final String PRODUCTION_REALM_RESOURCE = "keycloak/ladder-realm-production.json";
    public static final String DIST_PROPERTY = "ladder.keycloak.dist";
    public static final String DIST_ENV = "LADDER_KEYCLOAK_DIST";

    private final Options options;
    private final KeycloakProcess process;

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
            // a safety net against a hung server, not a speed check: a fresh start re-augments Quarkus (about 20 s on
            // a quiet 2-core machine, over 70 s under a load of 20), and a slow start should not fail a build
            startTimeout = startTimeout == null ? Duration.ofSeconds(300) : startTimeout;
            extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        }

        public static Builder builder(Path home) {
            return new Builder(home);
        }

        /** {@code --db}: a build-time option, so switching it re-augments the home ({@link BuiltConfiguration}). */
        String dbKind() {
            return persistent ? "dev-file" : "dev-mem";
        }

        Path logFileFor(int port) {
            return logFile != null ? logFile : home.resolve("log").resolve("keycloak-" + port + ".log");
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
        Path home = options.home();
        try (HomeLock lock = HomeLock.acquire(home)) {
            KeycloakDistribution.extractIfNeeded(dist, home);
            KeycloakDistribution.installRealm(home);
            if (BuiltConfiguration.isBuiltFor(home, options.dbKind())) {
                // lib/ already holds this configuration: nothing is written there, so starts may overlap
                lock.release();
                return launch(options);
            }
            // this start re-augments lib/ (first start, or the other db kind ran last): keep everyone out
            BuiltConfiguration.forget(home);
            KeycloakServer server = launch(options);
            BuiltConfiguration.recordBuiltFor(home, options.dbKind());
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak in " + home, e);
        }
    }

    /**
     * The distribution tar.gz: system property {@value #DIST_PROPERTY}, else env {@value #DIST_ENV}, else the
     * local Maven repository.
     */
    public static Path distribution() {
        return KeycloakDistribution.locate();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public String issuerUri() {
        return baseUrl() + "/realms/" + REALM;
    }

    public int port() {
        return process.port();
    }

    /** Pid of {@code kc.sh}; the Keycloak JVM is its child. */
    public long pid() {
        return process.pid();
    }

    public Options options() {
        return options;
    }

    public Path logFile() {
        return process.logFile();
    }

    public TokenClient tokenClient() {
        return new TokenClient(issuerUri());
    }

    /** The admin REST API as the bootstrap admin, e.g. to create the account of a newly provisioned person. */
    public KeycloakAdmin admin() {
        return new KeycloakAdmin(baseUrl(), options.adminUser(), options.adminPassword());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops kc.sh and the Keycloak JVM (SIGTERM, then SIGKILL after 30 s) and waits for them to exit. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "Keycloak " + VERSION + " at " + baseUrl() + " (pid " + pid() + ", " + options.dbKind()
                + " db, home " + options.home() + ")";
    }

    // ---------------------------------------------------------------------------------------------------------

    private KeycloakServer(Options options, KeycloakProcess process) {
        this.options = options;
        this.process = process;
    }

    private static KeycloakServer launch(Options options) throws IOException {
        KeycloakServer server = new KeycloakServer(options, KeycloakLauncher.launch(options));
        try {
            ReadinessWatcher.awaitReady(server.process,
                    URI.create(server.issuerUri() + "/.well-known/openid-configuration"), options.startTimeout());
        }
        catch (RuntimeException e) {
            server.close();
            throw e;
        }
        System.out.println("[ladder] " + server + " ready in " + server.process.millisSinceStart() + " ms, log "
                + server.logFile());
        return server;
    }
}
