package dev.ladder.benchmark;

import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeUpdated;

import dev.ladder.devstack.Platform;
import dev.ladder.devstack.PlatformConfig;
import dev.ladder.devstack.Service;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.kit.web.Page;
import dev.ladder.kafka.KafkaAcls;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static dev.ladder.benchmark.AchievementThroughput.JSON;
import static dev.ladder.benchmark.AchievementThroughput.employeeId;
import static dev.ladder.benchmark.AchievementThroughput.log;
import static dev.ladder.benchmark.AchievementThroughput.secs;

/**
 * Team dashboard latency as a client sees it: {@code GET /api/progress/teams/{teamId}} through the gateway over
 * HTTP with a real Keycloak access token (ada, admin), on the real platform started as the devstack starts it
 * (PostgreSQL, a Kafka broker process, Keycloak, progress-service and the gateway from their exec jars).
 * <p>
 * One team of M members (-Dbench.team.members, 1,000). The catalog and the members reach progress-service the real
 * way, as CloudEvents on Kafka. The ledger is loaded with COPY (rows exactly as {@code Ledger.append} writes them),
 * then {@code POST /api/progress/admin/rebuild} makes the projection reflect it. Phase 1: S ledger events
 * (-Dbench.team.small-events, 10,000); phase 2: COPY up to L in total (-Dbench.team.events, 1,000,000), same
 * members, same platform, same process — so the two p95s are comparable as a ratio. Each phase: W warm-up calls
 * (-Dbench.team.warmup-calls, 20), then C sequential calls (-Dbench.team.calls, 200) through the gateway and, each
 * followed by one, C directly on progress-service so the gateway's share is visible (at most
 * -Dbench.team.budget-seconds, 600, of calls per phase). Targets (the issue): p95 at 1M events through the gateway
 * &lt;= 50 ms and p95(1M) / p95(10k) &lt;= 1.3.
 * <p>
 * The services run with -Dbench.team.jvm (default -Xmx1g: full JIT) instead of the devstack's laptop options.
 * The rebuild is called directly on progress-service (the gateway gives up after 30 s), with a long timeout
 * (-Dbench.team.rebuild-timeout-minutes, 30). -Dbench.team.keep-home=true keeps the platform's data directory.
 */
final class TeamDashboard {

    static final int MEMBERS = Integer.getInteger("bench.team.members", 1_000);
    static final int LARGE = Integer.getInteger("bench.team.events", 1_000_000);
    static final int SMALL = Integer.getInteger("bench.team.small-events", 10_000);
    static final int CALLS = Integer.getInteger("bench.team.calls", 200);
    static final int WARMUP_CALLS = Integer.getInteger("bench.team.warmup-calls", 20);
    static final long BUDGET_SECONDS = Long.getLong("bench.team.budget-seconds", 600);
    static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(Long.getLong("bench.team.rebuild-timeout-minutes", 30));
    static final Duration SEED_TIMEOUT = Duration.ofMinutes(Long.getLong("bench.team.seed-timeout-minutes", 5));
    static final boolean KEEP_HOME = Boolean.getBoolean("bench.team.keep-home");
    /**
     * The services' JVM options: as a server would run them (full JIT, a heap for a million-event rebuild), not the
     * devstack's laptop defaults (quick compiler only, 384 MB).
     */
    static final List<String> SERVICE_JVM = List.of(System.getProperty("bench.team.jvm", "-Xmx1g").split("\\s+"));

    static final String TEAM = "big-team";
    static final String TEAM_NAME = "Big team";
    static final String MANAGER = employeeId(900_000_000);
    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    /** Figures of one series of calls, in ms. */
    record Series(String label, int events, int calls, double p50, double p95, double max, int bytes) {
    }

    static void run() throws Exception {
        if (SMALL <= 0 || SMALL > LARGE) {
            throw new IllegalArgumentException("need 0 < bench.team.small-events (" + SMALL + ") <= bench.team.events ("
                    + LARGE + ")");
        }
        quietLibraryLogs();
        log("================ TEAM DASHBOARD ================");
        log(String.format("GET /api/progress/teams/%s over HTTP with a Keycloak token (ada, admin), through the gateway "
                        + "and directly on progress-service; team of %,d members; ledger %,d then %,d events; %d calls "
                        + "after %d warm-up calls per path, alternating (at most %d s of calls per phase)", TEAM,
                MEMBERS, SMALL, LARGE, CALLS, WARMUP_CALLS, BUDGET_SECONDS));
        Path home = Files.createTempDirectory("ladder-bench-team-");
        long started = System.nanoTime();
        boolean done = false;
        try (Platform platform = Platform.start(PlatformConfig.builder()
                .home(home)
                .anyFreePorts()
                .demoData(false)
                .services(EnumSet.of(Service.PROGRESS, Service.GATEWAY))
                .serviceJvmOptions(SERVICE_JVM)
                .progress(line -> log("  platform: " + line))
                .build())) {
            log(String.format("  platform ready in %.0f s: gateway %s, progress-service %s, Keycloak %s, Kafka %s, "
                            + "logs in %s; service JVM options %s", platform.startupTime().toMillis() / 1e3,
                    platform.gatewayUrl(), platform.url(Service.PROGRESS), platform.keycloakUrl(),
                    platform.kafkaBootstrap(), platform.config().logDir(), SERVICE_JVM));
            new Run(platform).run();
            done = true;
        } finally {
            if (KEEP_HOME || !done) {
                log("  platform data and logs kept in " + home + (done ? "" : " (the run failed)"));
            } else {
                deleteTree(home);
            }
            log(String.format("  team dashboard part took %.0f s", secs(System.nanoTime() - started)));
        }
    }

    /** One benchmark on one running platform. */
    private static final class Run {

        private final Platform platform;
        private final AdminTokens tokens;
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // keep-alive: one connection, reused call after call
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        Run(Platform platform) {
            this.platform = platform;
            this.tokens = new AdminTokens(platform);
        }

        void run() throws Exception {
            seed();
            Random random = new Random(7);

            long t = System.nanoTime();
            copyLedger(0, SMALL, random);
            log(String.format("  %,d ledger rows loaded with COPY in %.1f s", SMALL, secs(System.nanoTime() - t)));
            rebuild(SMALL);
            List<Series> small = measure(SMALL);
            Series gatewaySmall = small.get(0);
            Series directSmall = small.get(1);

            t = System.nanoTime();
            copyLedger(SMALL, LARGE, random);
            log(String.format("  %,d more ledger rows loaded with COPY in %.1f s (%,d in total)", LARGE - SMALL,
                    secs(System.nanoTime() - t), countRows("ledger_entry")));
            rebuild(LARGE);
            List<Series> large = measure(LARGE);
            Series gatewayLarge = large.get(0);
            Series directLarge = large.get(1);

            log("================ TEAM DASHBOARD RESULT ================");
            for (Series s : List.of(gatewaySmall, directSmall, gatewayLarge, directLarge)) {
                log(String.format("%-24s %,9d events: %d calls, p50 %.1f ms, p95 %.1f ms, max %.1f ms, %,d bytes",
                        s.label(), s.events(), s.calls(), s.p50(), s.p95(), s.max(), s.bytes()));
            }
            log(String.format("gateway share of p95: %.1f ms at %,d events, %.1f ms at %,d events",
                    gatewaySmall.p95() - directSmall.p95(), SMALL, gatewayLarge.p95() - directLarge.p95(), LARGE));
            log(String.format("p95 at %,d events: %.1f ms (target <= 50 ms); p95 at %,d: %.1f ms; ratio %.1f/%.1f: %.2f "
                            + "(target <= 1.3)   [through the gateway]", LARGE, gatewayLarge.p95(), SMALL,
                    gatewaySmall.p95(), gatewayLarge.p95(), gatewaySmall.p95(),
                    gatewayLarge.p95() / gatewaySmall.p95()));
            log(String.format("directly on progress-service: p95 at %,d events: %.1f ms; p95 at %,d: %.1f ms; ratio %.2f",
                    LARGE, directLarge.p95(), SMALL, directSmall.p95(), directLarge.p95() / directSmall.p95()));
            log(String.format("load average now: %.2f (%d cores)",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors()));
        }

        // ---------------------------------------------------------------------------------------------- data

        /** The catalog, then the members, as CloudEvents on Kafka; waits until progress-service has applied them. */
        void seed() throws Exception {
            long t0 = System.nanoTime();
            try (KafkaProducer<String, String> producer = producer()) {
                AchievementThroughput.send(producer, SeedTrack.TRACK,
                        EventType.CATALOG_VERSION_PUBLISHED, EventProducers.CATALOG_SERVICE, SeedTrack.TRACK, SeedTrack.version(1),
                        NOW).get();
                waitForRows("catalog_version", 1, t0);
                log(String.format("  catalog (%s v1) published on %s and applied in %.1f s", SeedTrack.TRACK,
                        Topics.CATALOG_RELEASES, secs(System.nanoTime() - t0)));

                long t1 = System.nanoTime();
                Random random = new Random(42);
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < MEMBERS; i++) {
                    EmployeeUpdated employee = new EmployeeUpdated(employeeId(i), "Member " + i, "m" + i + "@example.com",
                            TEAM, TEAM_NAME, MANAGER, SeedTrack.TRACK, "us",
                            LocalDate.of(2010, 1, 1).plusDays(random.nextInt(16 * 365)), NOW);
                    sent.add(AchievementThroughput.send(producer, employee.employeeId(),
                            EventType.EMPLOYEE_UPDATED, EventProducers.PROFILE_SERVICE, employee.employeeId(), employee, NOW));
                }
                producer.flush();
                for (Future<?> f : sent) {
                    f.get();
                }
                waitForRows("employee", MEMBERS, t1);
                log(String.format("  %,d members of %s published on %s and applied in %.1f s", MEMBERS, TEAM,
                        Topics.EMPLOYEES, secs(System.nanoTime() - t1)));
            }
        }

        KafkaProducer<String, String> producer() {
            Properties props = new Properties();
            // the devstack's broker requires a login; this seeds what several services would publish (releases,
            // people, milestones), which no single service's user may, so it logs in as the platform's super user
            props.putAll(platform.kafkaClientConfig(KafkaAcls.User.ADMIN));
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
            return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }

        Connection connect() throws Exception {
            return DriverManager.getConnection(platform.jdbcUrl("progress"), platform.dbUser(), platform.dbPassword());
        }

        long countRows(String table) throws Exception {
            try (Connection c = connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /** Polls {@code SELECT count(*)} every 100 ms until it reaches {@code target}; fails after SEED_TIMEOUT. */
        void waitForRows(String table, long target, long t0) throws Exception {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                AchievementThroughput.awaitAtLeast(s, "SELECT count(*) FROM " + table, table + " rows (see "
                                + platform.logFile(Service.PROGRESS.module()) + ")", target,
                        SEED_TIMEOUT.minusNanos(System.nanoTime() - t0), Duration.ofMillis(100), seen -> {
                            if (platform.unexpectedExit().isDone()) {
                                throw new IllegalStateException(platform.unexpectedExit().join());
                            }
                        });
            }
        }

        /**
         * Ledger events {@code from} (inclusive) to {@code to} (exclusive) of the members, round robin; rows exactly
         * as Ledger.append writes them (type = ce_type id, payload = the event's JSON), as if profile-service had
         * sent them.
         */
        static final String LEDGER_SOURCE = EventProducers.PROFILE_SERVICE;

        void copyLedger(int from, int to, Random random) throws Exception {
            try (Connection connection = connect()) {
                var copy = connection.unwrap(PGConnection.class).getCopyAPI();
                int chunk = 50_000;
                for (int start = from; start < to; start += chunk) {
                    StringBuilder csv = new StringBuilder();
                    for (int i = start; i < Math.min(to, start + chunk); i++) {
                        String employee = employeeId(i % MEMBERS);
                        AchievementThroughput.Achievement achievement =
                                AchievementThroughput.Achievement.random(i, employee, NOW, random);
                        String payload = JSON.writeValueAsString(achievement.event()).replace("\"", "\"\"");
                        csv.append(employee).append(',').append(LEDGER_SOURCE).append(',').append(UUID.randomUUID())
                                .append(',').append(achievement.type().id())
                                .append(',').append(achievement.effectiveOn()).append(",\"").append(payload)
                                .append("\"\n");
                    }
                    copy.copyIn("COPY ledger_entry (employee_id, event_source, event_id, type, effective_date, "
                            + "payload) FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
                }
                try (var s = connection.createStatement()) {
                    s.execute("ANALYZE ledger_entry");
                }
            }
        }

        /** {@code POST /api/progress/admin/rebuild} directly on progress-service (not through the gateway's 30 s). */
        void rebuild(int events) throws Exception {
            long t = System.nanoTime();
            String answer = TeamDashboard.rebuild(platform, http, tokens, REBUILD_TIMEOUT,
                    String.format("at %,d ledger events", events));
            log(String.format("  projection rebuilt (POST /api/progress/admin/rebuild) at %,d ledger events in %.1f s: %s",
                    events, secs(System.nanoTime() - t), answer));
        }

        // ---------------------------------------------------------------------------------------------- calls

        /**
         * W warm-up calls on each path, then up to C timed rounds of one call through the gateway and one directly on
         * progress-service, alternating (so both series see the same conditions on this shared machine); every call
         * reads the whole body and every answer is checked. Calls are sequential: one request in flight at a time.
         *
         * @return the gateway series, then the direct one
         */
        List<Series> measure(int events) throws Exception {
            List<String> labels = List.of("gateway", "progress-service direct");
            List<URI> uris = List.of(URI.create(platform.gatewayUrl() + "/api/progress/teams/" + TEAM),
                    URI.create(platform.url(Service.PROGRESS) + "/api/progress/teams/" + TEAM));
            int[] bytes = new int[2];
            for (int i = 0; i < WARMUP_CALLS; i++) {
                for (int p = 0; p < 2; p++) {
                    bytes[p] = check(labels.get(p), call(uris.get(p), tokens.bearer()));
                }
            }
            List<List<Long>> nanos = List.of(new ArrayList<>(), new ArrayList<>());
            long start = System.nanoTime();
            int rounds = 0;
            while (rounds < CALLS && System.nanoTime() - start < BUDGET_SECONDS * 1_000_000_000L) {
                for (int p = 0; p < 2; p++) {
                    String token = tokens.bearer(); // outside the clock: a refresh from Keycloak is not part of a call
                    long c = System.nanoTime();
                    HttpResponse<String> response = call(uris.get(p), token);
                    long took = System.nanoTime() - c;
                    bytes[p] = check(labels.get(p), response); // after the clock stopped
                    nanos.get(p).add(took);
                }
                rounds++;
            }
            if (rounds < CALLS) {
                log(String.format("  (only %d of %d calls per path within %d s, -Dbench.team.budget-seconds)", rounds,
                        CALLS, BUDGET_SECONDS));
            }
            List<Series> result = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                long[] sorted = nanos.get(p).stream().mapToLong(Long::longValue).sorted().toArray();
                Series series = new Series(labels.get(p), events, sorted.length, percentile(sorted, 50) / 1e6,
                        percentile(sorted, 95) / 1e6, sorted[sorted.length - 1] / 1e6, bytes[p]);
                log(String.format("  %-24s %,d ledger events, %,d members counted in the answer: %d calls, "
                                + "p50 %.1f ms, p95 %.1f ms, max %.1f ms, response %,d bytes (load average %.2f)",
                        series.label(),
                        events, MEMBERS, series.calls(), series.p50(), series.p95(), series.max(), series.bytes(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
                result.add(series);
            }
            return result;
        }

        HttpResponse<String> call(URI uri, String token) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        /**
         * Fails loudly unless HTTP 200 and a JSON answer that counts every member and holds the first page of them
         * (the service still reads the whole team: its aggregates cover everyone); returns its size in bytes.
         */
        int check(String label, HttpResponse<String> response) {
            String body = response.body();
            if (response.statusCode() != 200) {
                throw new IllegalStateException(label + ": GET " + response.uri() + " answered HTTP "
                        + response.statusCode() + " " + abbreviate(body));
            }
            JsonNode members = JSON.readTree(body).path("members");
            long total = members.path("total").asLong(-1);
            int shown = members.path("items").isArray() ? members.path("items").size() : -1;
            if (total != MEMBERS || shown != Math.min(MEMBERS, Page.DEFAULT_SIZE)) {
                throw new IllegalStateException(label + ": GET " + response.uri() + " answered " + shown + " of "
                        + total + " members, expected " + Math.min(MEMBERS, Page.DEFAULT_SIZE) + " of " + MEMBERS
                        + ": " + abbreviate(body));
            }
            return body.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /**
     * {@code POST /api/progress/admin/rebuild} directly on progress-service (the gateway gives up after 30 s): the
     * projection rebuilt from the ledger. Returns the answer; fails with the service log's errors unless HTTP 200.
     */
    static String rebuild(Platform platform, HttpClient http, AdminTokens tokens, Duration timeout, String when)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(platform.url(Service.PROGRESS) + "/api/progress/admin/rebuild"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + tokens.bearer())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        long t = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new IllegalStateException("rebuild " + when + " did not answer within " + timeout.toMinutes()
                    + " min", e);
        }
        if (response.statusCode() != 200) {
            Path log = platform.logFile(Service.PROGRESS.module());
            throw new IllegalStateException(String.format("POST /api/progress/admin/rebuild %s: HTTP %d %s after "
                            + "%.1f s. Errors in %s:%n%s", when, response.statusCode(), abbreviate(response.body()),
                    secs(System.nanoTime() - t), log, errors(log)));
        }
        return response.body();
    }

    /** Kafka clients and the embedded PostgreSQL log every config at INFO; only their warnings matter here. */
    static void quietLibraryLogs() {
        for (String name : List.of("org.apache.kafka", "io.zonky")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The error lines of a service log (e.g. an OutOfMemoryError of its small devstack heap), at most 10. */
    static String errors(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return String.join(System.lineSeparator(), lines
                    .filter(l -> l.contains(" ERROR ") || l.startsWith("Exception in thread") || l.contains("Error: "))
                    .limit(10).map(TeamDashboard::abbreviate).toList());
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }

    static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log("  (could not delete " + root + ": " + e.getMessage() + ")");
        }
    }

    private TeamDashboard() {
    }
}
