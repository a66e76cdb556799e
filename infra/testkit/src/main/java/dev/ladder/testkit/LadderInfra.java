package dev.ladder.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.ladder.keycloak.DemoUsers;
import dev.ladder.keycloak.KeycloakServer;
import dev.ladder.keycloak.TokenClient;
import dev.ladder.kafka.KafkaAcls;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real PostgreSQL, Kafka and Keycloak for tests, started lazily once per JVM (in parallel) and stopped by a
 * shutdown hook.
 * <pre>
 * &#64;DynamicPropertySource
 * static void infra(DynamicPropertyRegistry r) { LadderInfra.register(r, "profile"); }
 * </pre>
 * Where the servers come from — env (or system property) {@code LADDER_TEST_INFRA}:
 * <ul>
 * <li>{@code auto} (default), per server: external when its variable is set ({@code LADDER_TEST_POSTGRES_URL},
 * {@code LADDER_TEST_KAFKA_BOOTSTRAP}, {@code LADDER_TEST_KEYCLOAK_URL}, {@code LADDER_TEST_REDIS_URL}), else
 * Testcontainers when Docker answers (PostgreSQL, Redis and Keycloak), else embedded;</li>
 * <li>{@code embedded}: zonky PostgreSQL, the machine's {@code redis-server} or the one in the embedded-redis jar,
 * the Keycloak distribution (one server shared by the build's test JVMs, stopped a minute after the last:
 * {@code SharedKeycloak});</li>
 * <li>{@code containers}: Testcontainers for PostgreSQL, Redis and Keycloak (fails without Docker);</li>
 * <li>{@code external}: the variables of the servers used (all required; plus {@code LADDER_TEST_POSTGRES_USER/PASSWORD},
 * default postgres/postgres).</li>
 * </ul>
 * Kafka is always the in-JVM broker locked like the platform's ({@link LockedKafka}: SASL/SCRAM and the ACLs of
 * {@code KafkaAcls}) unless {@code LADDER_TEST_KAFKA_BOOTSTRAP} names an external one, which is used as it is
 * (PLAINTEXT, no credentials). {@link #register} logs the service under test in as its own Kafka user;
 * {@link #kafkaClientConfig()} is for the tests' own clients.
 */
public final class LadderInfra {

    public static final String MODE_ENV = "LADDER_TEST_INFRA";
    public static final String POSTGRES_URL_ENV = "LADDER_TEST_POSTGRES_URL";
    public static final String POSTGRES_USER_ENV = "LADDER_TEST_POSTGRES_USER";
    public static final String POSTGRES_PASSWORD_ENV = "LADDER_TEST_POSTGRES_PASSWORD";
    public static final String KAFKA_BOOTSTRAP_ENV = "LADDER_TEST_KAFKA_BOOTSTRAP";
    public static final String KEYCLOAK_URL_ENV = "LADDER_TEST_KEYCLOAK_URL";
    public static final String REDIS_URL_ENV = "LADDER_TEST_REDIS_URL";

    public enum Mode { AUTO, EMBEDDED, CONTAINERS, EXTERNAL }

    /** A database of its own for one Spring context (or one test). */
    public record Database(String name, String url, String username, String password) {
    }

    private static final ExecutorService STARTER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ladder-infra-start");
        t.setDaemon(true);
        return t;
    });

    private static final Server POSTGRES = new Server("PostgreSQL", POSTGRES_URL_ENV,
            () -> EmbeddedServers.postgres(), () -> ContainerServers.postgres(), url -> url);
    // no container: the in-JVM broker is the same Kafka, and only it is locked like the platform's (LockedKafka)
    private static final Server KAFKA = new Server("Kafka", KAFKA_BOOTSTRAP_ENV,
            () -> LockedKafka.start(), null, bootstrap -> bootstrap);
    private static final Server KEYCLOAK = new Server("Keycloak", KEYCLOAK_URL_ENV,
            () -> EmbeddedServers.keycloak(), () -> ContainerServers.keycloak(), LadderInfra::keycloakBase);

    // only the gateway's tests use it (its sessions): started on first use, not by startAll
    private static final Server REDIS = new Server("Redis", REDIS_URL_ENV,
            () -> EmbeddedServers.redis(), () -> ContainerServers.redis(), url -> url);

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final List<String> EXTERNAL_DATABASES = new CopyOnWriteArrayList<>();
    // never held while waiting for a server (the start threads take DOCKER_LOCK themselves)
    private static final Object DOCKER_LOCK = new Object();
    private static final Object PRODUCER_LOCK = new Object();
    private static final java.util.Set<String> KNOWN_TOPICS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static Boolean docker;
    private static KafkaProducer<String, String> producer;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LadderInfra::shutdown, "ladder-infra-stop"));
    }

    private LadderInfra() {
    }

    /**
     * Starts the three servers (once per JVM), creates a fresh database {@code <prefix>_<n>} and registers
     * {@code spring.datasource.url/username/password}, {@code spring.kafka.bootstrap-servers}, the service's Kafka
     * credential ({@link #kafkaServiceProperties}) and {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}.
     *
     * @param dbPrefix the service's short name ({@code catalog}, {@code profile}, {@code progress},
     *                 {@code notification}): its database prefix and its Kafka user
     */
    public static void register(DynamicPropertyRegistry registry, String dbPrefix) {
        startAll();
        Database database = newDatabase(dbPrefix);
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        // suppliers: the context may already be starting while Keycloak finishes booting
        registry.add("spring.kafka.bootstrap-servers", LadderInfra::kafkaBootstrap);
        kafkaServiceProperties(dbPrefix).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", LadderInfra::issuerUri);
    }

    /**
     * The properties that log a service in to the tests' broker as its own Kafka user ({@code ladder.kafka.*}, read
     * by the service kit's {@code KafkaCredentials}), so the broker holds it to the topics {@code KafkaAcls} grants
     * it, as on the platform. Empty for an external broker, or a name that is no service's.
     */
    public static Map<String, String> kafkaServiceProperties(String service) {
        KAFKA.get();
        if (KAFKA.mode != Mode.EMBEDDED) {
            return Map.of();
        }
        return KafkaAcls.User.of(service).map(user -> Map.of(
                "ladder.kafka.username", user.username(),
                "ladder.kafka.password", user.localPassword(),
                "ladder.kafka.security-protocol", KafkaAcls.SECURITY_PROTOCOL)).orElse(Map.of());
    }

    /** {@link #kafkaServiceProperties} as command-line arguments, for a test that starts an application itself. */
    public static List<String> kafkaServiceArguments(String service) {
        return kafkaServiceProperties(service).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).sorted().toList();
    }

    /**
     * The connection settings of a Kafka client of the tests themselves (probes, raw records, admin calls): the
     * super user on the locked broker, who may read and write every topic and describe every group.
     */
    public static Map<String, Object> kafkaClientConfig() {
        String bootstrap = kafkaBootstrap();
        if (KAFKA.mode != Mode.EMBEDDED) {
            return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        return KafkaAcls.clientConfig(bootstrap, KafkaAcls.User.ADMIN);
    }

    /** Kicks off all three servers in parallel without waiting. */
    public static void startAll() {
        POSTGRES.start();
        KAFKA.start();
        KEYCLOAK.start();
    }

    /** A new, empty database on the shared server; the name is {@code <prefix>_<n>}. */
    public static Database newDatabase(String prefix) {
        String admin = POSTGRES.get().address();
        String user = postgresUser();
        String password = postgresPassword();
        String base = sanitize(prefix);
        try (Connection connection = DriverManager.getConnection(admin, user, password);
             Statement statement = connection.createStatement()) {
            while (true) {
                String name = base + "_" + DATABASES.incrementAndGet();
                try {
                    statement.execute("CREATE DATABASE \"" + name + "\"");
                }
                catch (SQLException e) {
                    if ("42P04".equals(e.getSQLState())) {
                        continue; // an external server may keep databases of earlier runs
                    }
                    throw e;
                }
                if (POSTGRES.mode == Mode.EXTERNAL) {
                    EXTERNAL_DATABASES.add(name);
                }
                return new Database(name, withDatabase(admin, name), user, password);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot create a database on " + admin + ": " + e.getMessage(), e);
        }
    }

    public static String kafkaBootstrap() {
        return KAFKA.get().address();
    }

    /**
     * A Redis for the gateway's sessions ({@code spring.data.redis.url}), e.g. {@code redis://127.0.0.1:41234};
     * started on first use. Tests share it: a session's key is its random id, so they cannot see each other's.
     */
    public static String redisUrl() {
        return REDIS.get().address();
    }

    /** Keycloak base URL, e.g. {@code http://localhost:41234}. */
    public static String keycloakUrl() {
        return KEYCLOAK.get().address();
    }

    /** {@code <keycloakUrl>/realms/ladder} — exactly the {@code iss} of the tokens. */
    public static String issuerUri() {
        return keycloakUrl() + "/realms/" + KeycloakServer.REALM;
    }

    /** A real access token (password grant, client ladder-cli) for a demo user; password = username. */
    public static String accessToken(String username) {
        String password = DemoUsers.ALL.stream().filter(u -> u.username().equals(username))
                .map(DemoUsers.DemoUser::password).findFirst().orElse(username);
        return new TokenClient(issuerUri()).accessToken(username, password);
    }

    /** Watches {@code topic} from now on; see {@link KafkaProbe}. Close it (or let the JVM do it). */
    public static KafkaProbe probe(String topic) {
        return new KafkaProbe(kafkaClientConfig(), topic);
    }

    /**
     * Publishes one raw record and waits for the broker's ack — poison pills, external producers. The answer says
     * where it landed, e.g. for {@link #awaitConsumed}.
     */
    public static RecordMetadata send(String topic, String key, Map<String, String> headers, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        if (headers != null) {
            headers.forEach((name, v) -> record.headers().add(name, v == null ? null
                    : v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        try {
            if (KNOWN_TOPICS.add(topic)) {
                // the broker creates no topic on a first write (auto.create.topics.enable=false, as on the
                // platform): a test's own topic is created here, as the super user
                KafkaProbe.ensureTopic(kafkaClientConfig(), topic);
            }
            return producer().send(record).get(30, TimeUnit.SECONDS);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("sending to " + topic + " failed", e.getCause());
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("sending to " + topic + " timed out", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        }
    }

    /**
     * Waits (up to 60 s) until consumer group {@code groupId} has committed past every one of {@code acts}: then
     * the service has handled them completely, dead-letter publications included. See
     * {@link KafkaProbe#awaitConsumed(String, String, Collection, Duration)}.
     */
    public static void awaitConsumed(String groupId, RecordMetadata... acts) {
        KafkaProbe.awaitConsumed(kafkaClientConfig(), groupId, List.of(acts), Duration.ofSeconds(60));
    }

    /** {@link #awaitConsumed(String, RecordMetadata...)} for many records, e.g. everything a test sent. */
    public static void awaitConsumed(String groupId, Collection<RecordMetadata> acts) {
        KafkaProbe.awaitConsumed(kafkaClientConfig(), groupId, acts, Duration.ofSeconds(60));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static KafkaProducer<String, String> producer() {
        Map<String, Object> client = kafkaClientConfig();
        synchronized (PRODUCER_LOCK) {
            if (producer == null) {
                Properties props = new Properties();
                props.putAll(client);
                props.put(ProducerConfig.ACKS_CONFIG, "all");
                props.put(ProducerConfig.CLIENT_ID_CONFIG, "ladder-testkit");
                producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
            }
            return producer;
        }
    }

    static Mode requestedMode() {
        String value = setting(MODE_ENV);
        if (value == null) {
            return Mode.AUTO;
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MODE_ENV + " must be auto, embedded, containers or external; was '"
                    + value + "'", e);
        }
    }

    private static Mode modeFor(String name, String externalEnv) {
        Mode requested = requestedMode();
        return switch (requested) {
            case EMBEDDED -> Mode.EMBEDDED;
            case EXTERNAL -> {
                if (setting(externalEnv) == null) {
                    throw new IllegalStateException(MODE_ENV + "=external but " + externalEnv + " (for " + name
                            + ") is not set");
                }
                yield Mode.EXTERNAL;
            }
            case CONTAINERS -> {
                if (!dockerAvailable()) {
                    throw new IllegalStateException(MODE_ENV + "=containers but Docker is not available (use "
                            + "embedded or auto)");
                }
                yield Mode.CONTAINERS;
            }
            case AUTO -> setting(externalEnv) != null ? Mode.EXTERNAL
                    : dockerAvailable() ? Mode.CONTAINERS : Mode.EMBEDDED;
        };
    }

    private static boolean dockerAvailable() {
        synchronized (DOCKER_LOCK) {
            return dockerAvailableLocked();
        }
    }

    private static boolean dockerAvailableLocked() {
        if (docker == null) {
            boolean testcontainers;
            try {
                Class.forName("org.testcontainers.DockerClientFactory", false, LadderInfra.class.getClassLoader());
                testcontainers = true;
            }
            catch (ClassNotFoundException e) {
                testcontainers = false;
            }
            docker = testcontainers && ContainerServers.dockerAvailable();
        }
        return docker;
    }

    /** System property first (handy as {@code mvn -DLADDER_TEST_INFRA=embedded}), then the environment. */
    static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String postgresUser() {
        String user = POSTGRES.mode == Mode.EXTERNAL ? setting(POSTGRES_USER_ENV) : null;
        return user != null ? user : "postgres";
    }

    private static String postgresPassword() {
        String password = POSTGRES.mode == Mode.EXTERNAL ? setting(POSTGRES_PASSWORD_ENV) : null;
        return password != null ? password : "postgres";
    }

    static String sanitize(String prefix) {
        String name = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "db_" + name;
        }
        return name.length() > 40 ? name.substring(0, 40) : name;
    }

    /** Same server and parameters, another database: {@code jdbc:postgresql://h:p/old?x} → {@code .../db?x}. */
    static String withDatabase(String jdbcUrl, String database) {
        int hosts = jdbcUrl.indexOf("//");
        if (!jdbcUrl.startsWith("jdbc:postgresql:") || hosts < 0) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host/db URL: " + jdbcUrl);
        }
        int query = jdbcUrl.indexOf('?', hosts + 2);
        int path = jdbcUrl.indexOf('/', hosts + 2);
        int hostEnd = path >= 0 && (query < 0 || path < query) ? path : query >= 0 ? query : jdbcUrl.length();
        return jdbcUrl.substring(0, hostEnd) + "/" + database + (query >= 0 ? jdbcUrl.substring(query) : "");
    }

    private static String keycloakBase(String url) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String realmPath = "/realms/" + KeycloakServer.REALM;
        return base.endsWith(realmPath) ? base.substring(0, base.length() - realmPath.length()) : base;
    }

    private static void shutdown() {
        synchronized (PRODUCER_LOCK) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(2));
            }
        }
        if (!EXTERNAL_DATABASES.isEmpty() && POSTGRES.isUp()) {
            dropExternalDatabases();
        }
        // Kafka last: Spring contexts closing concurrently still talk to it while their consumers leave
        KEYCLOAK.stop();
        REDIS.stop();
        POSTGRES.stop();
        KAFKA.stop();
    }

    private static void dropExternalDatabases() {
        try (Connection connection = DriverManager.getConnection(POSTGRES.get().address(), postgresUser(),
                postgresPassword()); Statement statement = connection.createStatement()) {
            for (String name : EXTERNAL_DATABASES) {
                statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
        }
        catch (SQLException | RuntimeException e) {
            System.err.println("[ladder-testkit] could not drop test databases " + EXTERNAL_DATABASES + ": " + e);
        }
    }

    /** One server: chosen mode, started at most once, on a background thread. */
    private static final class Server {
        private final String name;
        private final String externalEnv;
        private final Supplier<Started> embedded;
        private final Supplier<Started> containers;
        private final java.util.function.UnaryOperator<String> externalAddress;
        private CompletableFuture<Started> future;
        private volatile Mode mode;

        Server(String name, String externalEnv, Supplier<Started> embedded, Supplier<Started> containers,
               java.util.function.UnaryOperator<String> externalAddress) {
            this.name = name;
            this.externalEnv = externalEnv;
            this.embedded = embedded;
            this.containers = containers;
            this.externalAddress = externalAddress;
        }

        synchronized CompletableFuture<Started> start() {
            if (future == null) {
                future = CompletableFuture.supplyAsync(this::startNow, STARTER);
            }
            return future;
        }

        /** Waits for the server; a failed start fails every later call the same way (no retry per test class). */
        Started get() {
            try {
                return start().join();
            }
            catch (CompletionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalStateException(name + " for tests did not start: " + cause.getMessage(), cause);
            }
        }

        synchronized boolean isUp() {
            return future != null && future.isDone() && !future.isCompletedExceptionally();
        }

        void stop() {
            if (!isUp()) {
                return;
            }
            try {
                future.join().stop().close();
            }
            catch (Exception e) {
                System.err.println("[ladder-testkit] stopping " + name + " failed: " + e);
            }
        }

        private Started startNow() {
            long started = System.nanoTime();
            mode = modeFor(name, externalEnv);
            if (mode == Mode.CONTAINERS && containers == null) {
                mode = Mode.EMBEDDED;
            }
            Started server = switch (mode) {
                case EMBEDDED -> embedded.get();
                case CONTAINERS -> containers.get();
                case EXTERNAL -> new Started(externalAddress.apply(setting(externalEnv)),
                        "external (" + externalEnv + ")", () -> { });
                case AUTO -> throw new IllegalStateException("unresolved mode");
            };
            System.out.println("[ladder-testkit] " + name + ": " + mode.name().toLowerCase(Locale.ROOT) + " — "
                    + server.where() + " at " + server.address() + ", ready in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
            return server;
        }
    }
}
