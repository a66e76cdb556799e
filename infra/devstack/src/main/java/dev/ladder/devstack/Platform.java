package dev.ladder.devstack;

import dev.ladder.kafka.KafkaAcls;
import dev.ladder.keycloak.KeycloakAdmin;
import dev.ladder.keycloak.KeycloakServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole Ladder platform on this machine, without Docker: PostgreSQL, a Kafka broker and Keycloak (started in
 * parallel), then every service from its exec jar (in parallel), each awaited until ready.
 * <p>
 * {@link PlatformConfig#highAvailability() High availability} ({@code infra/devstack/run --ha}): three Kafka nodes
 * (replication factor 3, two in sync), two instances of every service and of the gateway, each group behind a
 * {@link Front} on the group's usual port, so every address (the portal's, each service's) stays what it is.
 * <pre>{@code
 * try (Platform platform = Platform.start(PlatformConfig.builder().home(dir).anyFreePorts().build())) {
 *     platform.gatewayUrl(); platform.issuerUri(); platform.kafkaBootstrap(); platform.jdbcUrl("profile");
 * }
 * }</pre>
 * Every port is checked before anything starts ({@link PortConflictException}). {@link #close()} (also run by a
 * shutdown hook) stops the services first, then Keycloak, Kafka and PostgreSQL, and waits for them.
 */
public final class Platform implements AutoCloseable {

    /** Every service database lives on the one server, whichever services run. */
    static final List<String> DATABASES = Stream.of(Service.values())
            .flatMap(s -> s.database().stream()).toList();
    /** LOCAL ONLY: the confidential client's secret from the realm export. */
    static final String GATEWAY_CLIENT_SECRET = "ladder-gateway-secret";
    /** The Spring profile of local mode, in which the services accept the local realm's secrets and clients. */
    static final String LOCAL_PROFILE = "local";

    /**
     * The outside producer the devstack lets publish to ladder.achievements.v1 (the README's kcat example), unless
     * {@code LADDER_EXTERNAL_PRODUCERS} names others.
     */
    public static final String DEMO_EXTERNAL_PRODUCERS = "/lms/acme-academy";

    private final PlatformConfig config;
    private final Map<Component, Integer> ports;
    private final Steps steps;
    /** Guarded by itself. */
    private final Map<Instance, ServiceProcess> services = new LinkedHashMap<>();
    /** Where each instance listens: its group's port when it runs alone, else a port of its own behind a front. */
    private final Map<Instance, Integer> instancePorts = new LinkedHashMap<>();
    private final List<Front> fronts = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "ladder-platform-shutdown");
    private final CompletableFuture<String> unexpectedExit = new CompletableFuture<>();
    private volatile PostgresServer postgres;
    /** One node, or three with {@code --ha}. */
    private volatile List<KafkaBroker> kafka = List.of();
    private final KafkaBroker.Cluster kafkaCluster;
    private volatile KeycloakServer keycloak;
    private volatile MailServer mail;
    private volatile RedisServer redis;
    private volatile boolean closed;
    private Duration startupTime;

    /** One running copy of a service: number 1, or 1 and 2 with {@code --ha}. */
    public record Instance(Service service, int number) {
        /** Log file and process name: the module alone, or with the instance's number when there are several. */
        String name(boolean several) {
            return several ? service.module() + "-" + number : service.module();
        }
    }

    private Platform(PlatformConfig config, Map<Component, Integer> ports) {
        this.config = config;
        this.ports = ports;
        this.steps = new Steps(config.progress());
        Set<Integer> taken = new HashSet<>(ports.values());
        for (Service service : config.services()) {
            for (int n = 1; n <= config.instances(); n++) {
                instancePorts.put(new Instance(service, n), config.instances() == 1 ? ports.get(service.component())
                        : Ports.anyFree(taken));
            }
        }
        List<KafkaBroker.Node> nodes = new ArrayList<>(List.of(
                new KafkaBroker.Node(1, ports.get(Component.KAFKA), ports.get(Component.KAFKA_CONTROLLER))));
        for (int id = 2; id <= config.kafkaNodes(); id++) {
            nodes.add(new KafkaBroker.Node(id, Ports.anyFree(taken), Ports.anyFree(taken)));
        }
        this.kafkaCluster = new KafkaBroker.Cluster(nodes);
    }

    /**
     * Starts everything and returns once every service reports ready.
     *
     * @throws PortConflictException a port is taken (nothing was started)
     * @throws PlatformException     something did not start; what had started is stopped again
     */
    public static Platform start(PlatformConfig config) {
        Map<Component, Integer> ports = Ports.resolve(config.ports());
        List<String> missing = config.services().stream().map(s -> s.execJar(config.repoRoot()))
                .filter(jar -> !Files.isRegularFile(jar)).map(jar -> config.repoRoot().relativize(jar).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new PlatformException("Missing " + String.join(", ", missing) + ": run ./mvnw install -DskipTests "
                    + "first (in " + config.repoRoot() + ").");
        }
        Platform platform = new Platform(config, ports);
        Runtime.getRuntime().addShutdownHook(platform.shutdownHook);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            boolean stopRequested = platform.closed; // the shutdown hook ran (Ctrl-C): the failure is a consequence
            platform.close();
            throw stopRequested ? new PlatformException("Stopped before everything was ready.", e) : e;
        }
    }

    private void startAll() {
        long started = System.nanoTime();
        DataHome.prepare(config);
        say("Starting PostgreSQL, Kafka, " + (config.externalKeycloak() == null ? "Keycloak"
                : "(Keycloak: the one running at " + config.externalKeycloak() + ")") + ", Redis and the mail catcher (data in "
                + config.home() + ")");
        // Keycloak takes longest (half a minute or more) and the services need it only once the first token comes:
        // they start as soon as PostgreSQL and Kafka are up, beside it (its address is known: its port is chosen up
        // front), and the platform is ready when all of them are
        CompletableFuture<Void> keycloakStarted = config.externalKeycloak() != null
                ? CompletableFuture.completedFuture(null)
                : steps.timed("Keycloak", () -> keycloak = KeycloakServer
                                .builder(config.home().resolve("keycloak"))
                                .port(ports.get(Component.KEYCLOAK)).persistent(true)
                                .logFile(logFile("keycloak")).start(),
                        () -> "at " + keycloak.baseUrl());
        try {
            Steps.awaitAll(List.of(
                    steps.timed("Mail (GreenMail)", () -> mail = MailServer.start(ports.get(Component.SMTP),
                                    ports.get(Component.MAIL_VIEWER)),
                            () -> "SMTP on port " + mail.smtpPort() + ", caught mail at " + mail.viewerUrl()),
                    steps.timed("Redis", () -> redis = RedisServer.start(config.home().resolve("redis"),
                                    ports.get(Component.REDIS), logFile("redis")),
                            () -> "on port " + redis.port() + " (the gateway's sessions)"),
                    steps.timed("PostgreSQL", () -> postgres = PostgresServer.start(config.home().resolve("postgres"),
                                    ports.get(Component.POSTGRES), logFile("postgres")),
                            () -> "on port " + postgres.port()),
                    steps.timed(kafkaCluster.nodes().size() == 1 ? "Kafka" : "Kafka (" + kafkaCluster.nodes().size()
                                    + " nodes)", this::startKafka,
                            () -> "on " + kafkaBootstrap())));
            checkNotClosed();
            redis.process().unexpectedExit().thenAccept(code -> reportExit("Redis", code, redis.process().logFile()));
            postgres.createDatabasesIfMissing(DATABASES);
            List<CompletableFuture<Void>> rest = new ArrayList<>(List.of(keycloakStarted));
            if (!config.services().isEmpty()) {
                say("Starting " + String.join(", ", config.services().stream().map(Service::module).toList())
                        + (config.instances() > 1 ? ", " + config.instances() + " instances of each behind a front"
                        + " on its usual port" : ""));
                if (config.instances() > 1) {
                    for (Service service : config.services()) {
                        synchronized (fronts) {
                            fronts.add(Front.start(service.module(), port(service.component()),
                                    instances(service).stream().map(instancePorts::get).toList()));
                        }
                    }
                }
                instancePorts.keySet().forEach(i -> rest.add(steps.timed(i.name(config.instances() > 1),
                        () -> startInstance(i, false), () -> "at " + instanceUrl(i))));
            }
            // the first failure ends the wait: close() can see (and stops) every service process already launched
            Steps.awaitUntilFirstFailure(rest);
        } catch (RuntimeException e) {
            // a Keycloak still starting is not yet known to close(), which would leave it running: let it finish
            keycloakStarted.exceptionally(failure -> null).join();
            throw e;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - started);
    }

    private void startKafka() {
        Path dir = config.home().resolve("kafka");
        String classpath = Classpath.forKafka(config.repoRoot());
        List<KafkaBroker> started = kafkaCluster.nodes().size() == 1
                ? List.of(KafkaBroker.start(dir, port(Component.KAFKA), port(Component.KAFKA_CONTROLLER), classpath,
                logFile("kafka")))
                // a cluster's storage cannot be a single node's: its own directory, so both modes share one home
                : KafkaBroker.startCluster(config.home().resolve("kafka-cluster"), kafkaCluster, classpath,
                id -> logFile("kafka-" + id));
        kafka = started;
        started.forEach(this::watch);
    }

    private void watch(KafkaBroker broker) {
        String name = kafkaCluster.nodes().size() == 1 ? "Kafka" : "Kafka node " + broker.node().id();
        broker.process().unexpectedExit().thenAccept(code -> reportExit(name, code, broker.process().logFile()));
    }

    private List<Instance> instances(Service service) {
        return instancePorts.keySet().stream().filter(i -> i.service() == service).toList();
    }

    private ServiceProcess startInstance(Instance instance, boolean appendLog) {
        Service service = instance.service();
        String name = instance.name(config.instances() > 1);
        int port = instancePorts.get(instance);
        ServiceProcess process = ServiceProcess.start(service, service.execJar(config.repoRoot()),
                config.serviceJvmOptions(), port, serviceEnv(service, port), config.home(), logFile(name), appendLog);
        synchronized (services) {
            services.put(instance, process);
        }
        if (closed) {
            process.close();
            throw new PlatformException("Stopped while starting " + name);
        }
        process.awaitReady(config.readyTimeout());
        process.process().unexpectedExit().thenAccept(code -> reportExit(name, code, process.process().logFile()));
        return process;
    }

    private Map<String, String> serviceEnv(Service service, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        ports.forEach((c, p) -> env.put(c.portVariable(), Integer.toString(p)));
        // behind a front, the instance listens on a port of its own; every other address stays the group's
        env.put(service.component().portVariable(), Integer.toString(port));
        for (Service other : Service.values()) {
            other.urlVariable().ifPresent(variable -> env.put(variable, url(other)));
        }
        service.database().ifPresent(db -> env.put("LADDER_DB_URL", jdbcUrl(db)));
        env.put("LADDER_DB_USER", PostgresServer.USER);
        env.put("LADDER_DB_PASSWORD", PostgresServer.PASSWORD);
        env.put("LADDER_KAFKA_BOOTSTRAP", kafkaBootstrap());
        // each service logs in to Kafka as itself, so the broker's ACLs (KafkaAcls) hold it to its own topics;
        // SASL without TLS because the broker listens on loopback only. The passwords are local ones (LocalMode)
        KafkaAcls.User.of(service.database().orElse(null)).ifPresent(user -> {
            env.put("LADDER_KAFKA_USERNAME", user.username());
            env.put("LADDER_KAFKA_PASSWORD", user.localPassword());
            env.put("LADDER_KAFKA_SECURITY_PROTOCOL", KafkaAcls.SECURITY_PROTOCOL);
        });
        env.put("LADDER_ISSUER_URI", issuerUri());
        env.put("LADDER_KEYCLOAK_URL", keycloakUrl());
        if (service == Service.GATEWAY) {
            env.put("LADDER_REDIS_URL", redis.url()); // its sessions
        }
        // local mode: the services accept the repository's published secrets (this realm's gateway secret, the
        // unsubscribe-link secret's default) and ladder-cli tokens only with this profile; without it they refuse
        // to start (README "Local mode")
        env.put("SPRING_PROFILES_ACTIVE", LOCAL_PROFILE);
        env.put("LADDER_KEYCLOAK_CLIENT_SECRET", GATEWAY_CLIENT_SECRET);
        env.put("LADDER_DEMO_DATA", Boolean.toString(config.demoData()));
        env.put("LADDER_SMTP_HOST", "localhost");
        // a team's chat webhook may point at a receiver on this machine; in production private targets are refused
        env.put("LADDER_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true");
        // a burst is grouped over 5 s here (30 s by default), so a demo shows its e-mail soon
        env.put("LADDER_NOTIFICATION_GROUP_WINDOW", "5s");
        // the services accept outside achievements from no one by default; the devstack from a demo LMS
        env.put("LADDER_EXTERNAL_PRODUCERS", DEMO_EXTERNAL_PRODUCERS);
        env.putAll(config.serviceEnv());
        return env;
    }

    // ---- what callers (Devstack, infra/e2e) need --------------------------------------------------------------

    public PlatformConfig config() {
        return config;
    }

    /** The port actually used (a requested 0 has been replaced by a free port). */
    public int port(Component component) {
        return ports.get(component);
    }

    /** The service's address: the instance's, or with {@code --ha} the front's over both. */
    public String url(Service service) {
        return "http://localhost:" + port(service.component());
    }

    /** One instance's own address, past any front. */
    public String instanceUrl(Service service, int number) {
        return instanceUrl(new Instance(service, number));
    }

    private String instanceUrl(Instance instance) {
        return "http://localhost:" + instancePorts.get(instance);
    }

    /** How many instances of each service run (1, or 2 with {@code --ha}). */
    public int instanceCount() {
        return config.instances();
    }

    public String gatewayUrl() {
        return url(Service.GATEWAY);
    }

    /** Known before Keycloak is up (its port is chosen up front): the services are told it while it starts. */
    public String keycloakUrl() {
        return config.externalKeycloak() != null ? config.externalKeycloak()
                : "http://localhost:" + port(Component.KEYCLOAK);
    }

    public String issuerUri() {
        return keycloakUrl() + "/realms/" + KeycloakServer.REALM;
    }

    /** Keycloak's admin REST API, as an identity administrator uses it (e.g. to create a new colleague's account). */
    public KeycloakAdmin keycloakAdmin() {
        return keycloak != null ? keycloak.admin() : new KeycloakAdmin(keycloakUrl(), "admin", "admin");
    }

    /** The gateway's session store. */
    public String redisUrl() {
        return redis.url();
    }

    /** Every node's address (one with a single broker). */
    public String kafkaBootstrap() {
        return kafkaCluster.bootstrap();
    }

    /** How many Kafka nodes run (1, or 3 with {@code --ha}). */
    public int kafkaNodeCount() {
        return kafkaCluster.nodes().size();
    }

    /**
     * What a Kafka client needs to connect as {@code user} (the broker refuses clients without credentials):
     * e.g. {@link KafkaAcls.User#LMS_ACME_ACADEMY} to publish achievements as an outside system would, or a
     * service's user to publish what that service would.
     */
    public Map<String, Object> kafkaClientConfig(KafkaAcls.User user) {
        return KafkaAcls.clientConfig(kafkaBootstrap(), user);
    }

    /** The SMTP server every e-mail goes to, and what it caught. */
    public MailServer mail() {
        return mail;
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public String dbUser() {
        return PostgresServer.USER;
    }

    public String dbPassword() {
        return PostgresServer.PASSWORD;
    }

    public Path logFile(String name) {
        return config.logDir().resolve(name + ".log");
    }

    /** From {@link #start} until every service was ready. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Top-level pid of every process the platform runs, by name (Keycloak's is kc.sh; its JVM is a child). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        Optional.ofNullable(postgres).flatMap(PostgresServer::postmasterPid).ifPresent(p -> pids.put("postgres", p));
        kafka.forEach(k -> pids.put(kafkaCluster.nodes().size() == 1 ? "kafka" : "kafka-" + k.node().id(),
                k.process().pid()));
        Optional.ofNullable(keycloak).ifPresent(k -> pids.put("keycloak", k.pid()));
        synchronized (services) {
            services.forEach((i, p) -> pids.put(i.name(config.instances() > 1), p.process().pid()));
        }
        return pids;
    }

    /**
     * Resident memory of this JVM and every process below it, plus the PostgreSQL server (which pg_ctl
     * detaches, so it is not our descendant).
     */
    public long rssBytes() {
        List<Long> roots = new ArrayList<>();
        roots.add(ProcessHandle.current().pid());
        Optional.ofNullable(postgres).flatMap(PostgresServer::postmasterPid).ifPresent(roots::add);
        return Memory.rssBytes(roots);
    }

    /** Completes with a message when a service or Kafka exits without being asked to. */
    public CompletableFuture<String> unexpectedExit() {
        return unexpectedExit;
    }

    /** Stops every instance of a service (e.g. to let events pile up in Kafka) and waits for them to exit. */
    public void stopService(Service service) {
        instances(service).forEach(i -> remove(i).ifPresent(ServiceProcess::close));
    }

    /** Starts a stopped service's instances again with the same environment and waits until they are ready. */
    public void startService(Service service) {
        stopService(service);
        // side by side; the first failure is thrown as it is (a PlatformException with the log's end)
        Steps.awaitAll(instances(service).stream().map(i -> steps.async(() -> startInstance(i, true))).toList());
    }

    /** Kills one instance with SIGKILL (see {@link #killService}); the front sends new connections to the others. */
    public void killInstance(Service service, int number) {
        remove(new Instance(service, number)).ifPresent(ServiceProcess::kill);
    }

    /** Starts one instance again (after {@link #killInstance}) on its port, and waits until it is ready. */
    public void startInstance(Service service, int number) {
        Instance instance = new Instance(service, number);
        remove(instance).ifPresent(ServiceProcess::close);
        startInstance(instance, true);
    }

    private Optional<ServiceProcess> remove(Instance instance) {
        synchronized (services) {
            return Optional.ofNullable(services.remove(instance));
        }
    }

    // ---- faults, for infra/benchmark's FaultInjection: each on the same data directory and port as before ----------

    /**
     * Kills one service with SIGKILL (no graceful shutdown: whatever it had in flight is cut off) and waits until it
     * has exited; {@link #startService(Service)} starts it again.
     */
    public void killService(Service service) {
        instances(service).forEach(i -> remove(i).ifPresent(ServiceProcess::kill));
    }

    /**
     * Stops the Kafka broker (SIGTERM: a controlled shutdown) and starts it again on the same data directory and
     * ports; returns once it answers again. Clients reconnect by themselves.
     */
    public void restartKafka() {
        if (kafka.size() != 1) {
            throw new IllegalStateException("a cluster restarts node by node: stopKafkaNode, startKafkaNode");
        }
        kafka.get(0).close();
        kafka = List.of(KafkaBroker.start(config.home().resolve("kafka"), ports.get(Component.KAFKA),
                ports.get(Component.KAFKA_CONTROLLER), Classpath.forKafka(config.repoRoot()), logFile("kafka")));
        watch(kafka.get(0));
    }

    /** Stops one node of the {@code --ha} cluster (SIGTERM: a controlled shutdown) and waits until it has exited. */
    public void stopKafkaNode(int id) {
        KafkaBroker node = kafkaNode(id);
        kafka = kafka.stream().filter(k -> k != node).toList();
        node.close();
    }

    /** Starts a stopped node of the cluster again on its data directory and ports; returns once it answers. */
    public void startKafkaNode(int id) {
        KafkaBroker.Node node = kafkaCluster.nodes().stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka node " + id));
        if (kafka.stream().anyMatch(k -> k.node().id() == id)) {
            throw new IllegalStateException("Kafka node " + id + " is running");
        }
        KafkaBroker started = KafkaBroker.restartNode(config.home().resolve("kafka-cluster"), node, kafkaCluster,
                Classpath.forKafka(config.repoRoot()), logFile("kafka-" + id));
        List<KafkaBroker> running = new ArrayList<>(kafka);
        running.add(started);
        kafka = List.copyOf(running);
        watch(started);
    }

    private KafkaBroker kafkaNode(int id) {
        return kafka.stream().filter(k -> k.node().id() == id).findFirst()
                .orElseThrow(() -> new IllegalStateException("Kafka node " + id + " is not running"));
    }

    /** Stops PostgreSQL (pg_ctl stop -m fast: open connections are cut) until {@link #startPostgres()}. */
    public void stopPostgres() {
        postgres.close();
    }

    /** Starts PostgreSQL again on the same data directory and port, after {@link #stopPostgres()}. */
    public void startPostgres() {
        postgres = PostgresServer.start(config.home().resolve("postgres"), ports.get(Component.POSTGRES),
                logFile("postgres"));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<ServiceProcess> running;
        synchronized (services) {
            running = new ArrayList<>(services.values());
            services.clear();
        }
        if (!running.isEmpty() || !kafka.isEmpty() || keycloak != null || postgres != null || redis != null
                || mail != null) {
            say("Stopping the platform");
        }
        running.stream().map(s -> steps.async(s::close)).toList().forEach(this::quietly);
        synchronized (fronts) {
            fronts.forEach(this::quietly);
        }
        quietly(keycloak);
        kafka.stream().map(k -> steps.async(k::close)).toList().forEach(this::quietly);
        quietly(postgres);
        quietly(redis);
        quietly(mail);
        steps.shutdown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // close() is running in the hook
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void checkNotClosed() {
        if (closed) {
            throw new PlatformException("Stopped while starting");
        }
    }

    private void reportExit(String name, int code, Path log) {
        if (!closed) {
            unexpectedExit.complete(name + " exited with code " + code + "; see " + log);
        }
    }

    private void quietly(CompletableFuture<Void> stop) {
        try {
            stop.join();
        } catch (RuntimeException e) {
            say("While stopping: " + e.getMessage());
        }
    }

    private void quietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            say("While stopping: " + e.getMessage());
        }
    }

    private void say(String line) {
        config.progress().accept(line);
    }
}
