package dev.ladder.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What to start and where. {@link #builder()} gives the devstack defaults (the SPEC ports, {@code ~/.ladder},
 * all services, demo data); {@link #fromEnvironment(Map)} also applies {@code LADDER_HOME} and the
 * {@code LADDER_*_PORT} variables. A port of 0 means "pick a free one" (what tests want).
 *
 * @param repoRoot     the Ladder checkout (service jars are taken from {@code <module>/target})
 * @param home         data directory; PostgreSQL, Kafka and Keycloak keep their state below it
 * @param wipe         delete {@code home} before starting
 * @param ports        every {@link Component}'s port, 0 = any free port
 * @param serviceEnv   extra environment for every service process (wins over what the platform sets)
 * @param logDir       where each process writes {@code <name>.log}
 * @param demoData     {@code LADDER_DEMO_DATA} for the services (the demo org)
 * @param services     which services to run; empty = infrastructure only
 * @param readyTimeout how long each service may take to report readiness
 * @param progress     receives one line per step ("Kafka ready on localhost:9092 (4.1 s)")
 * @param serviceJvmOptions JVM options of each service process ({@code LADDER_SERVICE_JVM_OPTIONS}); the default
 *                     favours start-up time and memory on a laptop over peak speed
 * @param externalKeycloak base URL of a Keycloak with the Ladder realm (bootstrap admin admin/admin) that is already
 *                     running, to use instead of starting one; null (the default): the platform starts its own
 * @param highAvailability {@code --ha}: three Kafka nodes (replication factor 3, {@code min.insync.replicas} 2), two
 *                     instances of every service and the gateway, each pair behind a {@link Front}
 */
public record PlatformConfig(Path repoRoot, Path home, boolean wipe, Map<Component, Integer> ports,
                             Map<String, String> serviceEnv, Path logDir, boolean demoData, Set<Service> services,
                             Duration readyTimeout, Consumer<String> progress, List<String> serviceJvmOptions,
                             String externalKeycloak, boolean highAvailability) {

    /** Small heap, serial GC, quick compiler only: a whole platform starts fast on two cores. */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS =
            List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    public PlatformConfig {
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(logDir, "logDir");
        ports = Collections.unmodifiableMap(new EnumMap<>(ports));
        serviceEnv = Map.copyOf(serviceEnv);
        services = services.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(services));
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(progress, "progress");
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
    }

    /** Instances of each service: two with {@link #highAvailability()}, else one. */
    public int instances() {
        return highAvailability ? 2 : 1;
    }

    /** Kafka nodes: three with {@link #highAvailability()} (a quorum that survives one loss), else one. */
    public int kafkaNodes() {
        return highAvailability ? 3 : 1;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Defaults overridden by {@code LADDER_HOME}, {@code LADDER_SERVICE_JVM_OPTIONS}, {@code LADDER_EXTERNAL_PRODUCERS}
     * and the {@code LADDER_*_PORT} variables found in {@code env}.
     */
    public static Builder fromEnvironment(Map<String, String> env) {
        Builder builder = builder();
        String producers = env.get("LADDER_EXTERNAL_PRODUCERS");
        if (producers != null && !producers.isBlank()) {
            builder.env("LADDER_EXTERNAL_PRODUCERS", producers.trim());
        }
        String home = env.get("LADDER_HOME");
        if (home != null && !home.isBlank()) {
            builder.home(Path.of(home));
        }
        String jvm = env.get("LADDER_SERVICE_JVM_OPTIONS");
        if (jvm != null && !jvm.isBlank()) {
            builder.serviceJvmOptions(List.of(jvm.trim().split("\\s+")));
        }
        for (Component c : Component.values()) {
            String value = env.get(c.portVariable());
            if (value != null && !value.isBlank()) {
                builder.port(c, parsePort(c, value.trim()));
            }
        }
        return builder;
    }

    private static int parsePort(Component c, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new PlatformException(c.portVariable() + " must be a port number (0-65535), was '" + value + "'.");
    }

    public static final class Builder {
        private Path repoRoot;
        private Path home = Path.of(System.getProperty("user.home"), ".ladder");
        private boolean wipe;
        private final Map<Component, Integer> ports = new EnumMap<>(Component.class);
        private final Map<String, String> serviceEnv = new LinkedHashMap<>();
        private Path logDir;
        private boolean demoData = true;
        private Set<Service> services = EnumSet.allOf(Service.class);
        private Duration readyTimeout = Duration.ofSeconds(240);
        private Consumer<String> progress = line -> System.out.println("[devstack] " + line);
        private List<String> serviceJvmOptions = DEFAULT_SERVICE_JVM_OPTIONS;
        private String externalKeycloak;
        private boolean highAvailability;

        private Builder() {
            for (Component c : Component.values()) {
                ports.put(c, c.defaultPort());
            }
        }

        public Builder repoRoot(Path repoRoot) {
            this.repoRoot = repoRoot;
            return this;
        }

        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        public Builder wipe(boolean wipe) {
            this.wipe = wipe;
            return this;
        }

        public Builder port(Component component, int port) {
            ports.put(component, port);
            return this;
        }

        /** Every port 0: several platforms (or a platform beside a running devstack) can coexist. */
        public Builder anyFreePorts() {
            ports.replaceAll((c, p) -> 0);
            return this;
        }

        public Builder env(String name, String value) {
            serviceEnv.put(name, value);
            return this;
        }

        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        public Builder demoData(boolean demoData) {
            this.demoData = demoData;
            return this;
        }

        public Builder services(Set<Service> services) {
            this.services = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
            return this;
        }

        public Builder infrastructureOnly() {
            return services(Set.of());
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        public Builder serviceJvmOptions(List<String> options) {
            this.serviceJvmOptions = options;
            return this;
        }

        /** Use this running Keycloak (the Ladder realm, admin/admin) instead of starting one, e.g. the tests' own. */
        public Builder externalKeycloak(String baseUrl) {
            this.externalKeycloak = baseUrl;
            return this;
        }

        /** Three Kafka nodes and two instances of everything behind fronts ({@code infra/devstack/run --ha}). */
        public Builder highAvailability(boolean highAvailability) {
            this.highAvailability = highAvailability;
            return this;
        }

        public PlatformConfig build() {
            Path root = repoRoot != null ? repoRoot : findRepoRoot();
            Path absHome = home.toAbsolutePath().normalize();
            Path logs = logDir != null ? logDir : absHome.resolve("logs");
            return new PlatformConfig(root.toAbsolutePath().normalize(), absHome, wipe, ports, serviceEnv,
                    logs.toAbsolutePath().normalize(), demoData, services, readyTimeout, progress, serviceJvmOptions,
                    externalKeycloak, highAvailability);
        }
    }

    /** The checkout is the first directory, from the working directory upwards, that holds this module. */
    static Path findRepoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("infra/devstack/pom.xml"))) {
                return dir;
            }
        }
        throw new PlatformException("Cannot find the Ladder repository (a directory containing "
                + "infra/devstack/pom.xml) from " + Path.of("").toAbsolutePath() + "; set repoRoot.");
    }
}
