package dev.ladder.benchmark;

import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.contracts.progress.MilestoneReached.MilestoneKind;

import dev.ladder.devstack.MailServer;
import dev.ladder.devstack.Platform;
import dev.ladder.devstack.PlatformConfig;
import dev.ladder.devstack.Service;
import dev.ladder.kafka.KafkaAcls;
import dev.ladder.keycloak.KeycloakAdmin;
import dev.ladder.keycloak.KeycloakAdmin.NewAccount;
import dev.ladder.keycloak.TokenClient;
import dev.ladder.testkit.CloudEventRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.ladder.benchmark.AchievementThroughput.JSON;
import static dev.ladder.benchmark.AchievementThroughput.log;
import static dev.ladder.benchmark.AchievementThroughput.secs;

/**
 * notification-service's delivery under load, on the real platform as the devstack starts it (PostgreSQL, a Kafka
 * broker process, Keycloak, the GreenMail SMTP catcher, notification-service and the gateway from their exec jars).
 * <p>
 * <b>Live feed (SSE).</b> C Keycloak accounts (-Dbench.sse.clients, 1,000; bench-0001, …) are created through
 * Keycloak's admin REST API, each gets an access token (password grant of ladder-cli), and each opens
 * {@code GET /api/notifications/me/stream} through the gateway: JDK HttpClient, HTTP/1.1, one connection per client,
 * the body read by an async line subscriber ({@link NotificationStream}, no thread per connection). Once every stream
 * has had its first event ({@code unread}: it is registered on the server), milestones are published on
 * {@code ladder.progress.milestones.v1} at R per second (-Dbench.sse.rate, 100): first W seconds of warm-up
 * (-Dbench.sse.warmup-seconds, 10; not counted), then S seconds (-Dbench.sse.seconds, 60), each to a random client
 * (employee id = the account's {@code sub}, so no person copy is needed) with a unique milestone id. Latency = the
 * {@code notification} event's arrival at its client − the moment before {@code producer.send} (one clock, this JVM).
 * Lost = sent but not received within G seconds after the last send (-Dbench.sse.grace-seconds, 10); duplicate = a
 * client receiving the same id twice; misrouted = an id arriving at another client than its employee's. Target (the
 * issue): p99 &lt;= 1 s at 100 milestones/s with 1,000 clients.
 * <p>
 * <b>E-mail.</b> M people (-Dbench.mail.count, 10,000), each with an address of their own, arrive as
 * {@code EmployeeUpdated}; once notification-service has them all, one {@code CERTIFICATION_EXPIRED} milestone each
 * (a critical kind: e-mailed by default, never deferred by quiet hours) is published as fast as the producer goes.
 * Measured from the first milestone sent until GreenMail has caught M mails; then, after a quiet period
 * (-Dbench.mail.settle-seconds, 10), every caught mail is checked: one per address, no address missing, every
 * {@code Message-ID} distinct.
 * <p>
 * Services run with -Dbench.notifications.jvm (default -Xmx1g, the full JIT) instead of the devstack's laptop
 * options; the devstack's environment otherwise, including its 5 s e-mail grouping window
 * ({@code LADDER_NOTIFICATION_GROUP_WINDOW}; production default 30 s). Extra service environment:
 * -Dbench.notifications.env=NAME=value,NAME=value (e.g. LADDER_NOTIFICATION_DELIVERY_THREADS=16).
 * -Dbench.sse=false / -Dbench.mail=false run one part only.
 */
public final class NotificationDelivery {

    static final boolean SSE = Boolean.parseBoolean(System.getProperty("bench.sse", "true"));
    static final boolean MAIL = Boolean.parseBoolean(System.getProperty("bench.mail", "true"));

    static final int CLIENTS = Integer.getInteger("bench.sse.clients", 1_000);
    static final int RATE = Integer.getInteger("bench.sse.rate", 100);
    static final int SECONDS = Integer.getInteger("bench.sse.seconds", 60);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.sse.warmup-seconds", 10);
    static final int GRACE_SECONDS = Integer.getInteger("bench.sse.grace-seconds", 10);
    static final int KEYCLOAK_THREADS = Integer.getInteger("bench.sse.keycloak-threads", 4);
    static final int CONNECT_CONCURRENCY = Integer.getInteger("bench.sse.connect-concurrency", 50);
    static final int CONNECT_TIMEOUT_SECONDS = Integer.getInteger("bench.sse.connect-timeout-seconds", 300);
    static final int CLIENT_THREADS = Integer.getInteger("bench.sse.client-threads", 2);

    static final int MAIL_COUNT = Integer.getInteger("bench.mail.count", 10_000);
    static final int MAIL_TIMEOUT_MINUTES = Integer.getInteger("bench.mail.timeout-minutes", 20);
    static final int MAIL_SETTLE_SECONDS = Integer.getInteger("bench.mail.settle-seconds", 10);
    static final String MAIL_DOMAIN = "mail.bench.ladder.local";

    static final List<String> SERVICE_JVM = List.of(System.getProperty("bench.notifications.jvm", "-Xmx1g")
            .split("\\s+"));
    static final boolean KEEP_HOME = Boolean.getBoolean("bench.notifications.keep-home");
    static final Pattern MESSAGE_ID = Pattern.compile("<[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@ladder\\.local>");

    public static void main(String[] args) throws Exception {
        run();
        System.exit(0);
    }

    static void run() throws Exception {
        TeamDashboard.quietLibraryLogs();
        // GreenMail logs every address it meets at INFO: ten thousand lines in the e-mail part
        if (org.slf4j.LoggerFactory.getLogger("com.icegreen") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        log("================ NOTIFICATION DELIVERY ================");
        log(String.format("live feed: %s%,d clients through the gateway, %d milestones/s for %d s after %d s of warm-up; "
                        + "e-mail: %s%,d e-mails, one per person; load average %.2f (%d cores)", SSE ? "" : "(off) ",
                CLIENTS, RATE, SECONDS, WARMUP_SECONDS, MAIL ? "" : "(off) ", MAIL_COUNT,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors()));
        Path home = Files.createTempDirectory("ladder-bench-notifications-");
        long started = System.nanoTime();
        boolean done = false;
        PlatformConfig.Builder config = PlatformConfig.builder()
                .home(home)
                .anyFreePorts()
                .demoData(false)
                .services(EnumSet.of(Service.NOTIFICATION, Service.GATEWAY))
                .serviceJvmOptions(SERVICE_JVM)
                .progress(line -> log("  platform: " + line));
        Map<String, String> env = serviceEnv();
        env.forEach(config::env);
        try (Platform platform = Platform.start(config.build())) {
            log(String.format("  platform ready in %.0f s: gateway %s, notification-service %s, Keycloak %s, Kafka %s, "
                            + "SMTP (GreenMail) on %d, logs in %s; service JVM options %s%s",
                    platform.startupTime().toMillis() / 1e3, platform.gatewayUrl(), platform.url(Service.NOTIFICATION),
                    platform.keycloakUrl(), platform.kafkaBootstrap(), platform.mail().smtpPort(),
                    platform.config().logDir(), SERVICE_JVM, env.isEmpty() ? "" : "; extra environment " + env));
            List<String> results = new ArrayList<>();
            if (SSE) {
                results.addAll(new Live(platform).run());
            }
            if (MAIL) {
                results.addAll(new Email(platform).run());
            }
            log("================ NOTIFICATION DELIVERY RESULT ================");
            results.forEach(AchievementThroughput::log);
            serviceLogs(platform);
            log(String.format("load average now: %.2f (%d cores); platform RSS %,d MB",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors(), platform.rssBytes() / (1024 * 1024)));
            done = true;
        } finally {
            if (KEEP_HOME || !done) {
                log("  platform data and logs kept in " + home + (done ? "" : " (the run failed)"));
            } else {
                TeamDashboard.deleteTree(home);
            }
            log(String.format("  notification delivery part took %.0f s", secs(System.nanoTime() - started)));
        }
    }

    private static Map<String, String> serviceEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        String spec = System.getProperty("bench.notifications.env", "").trim();
        if (!spec.isEmpty()) {
            for (String pair : spec.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("-Dbench.notifications.env wants NAME=value,…; got " + pair);
                }
                env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return env;
    }

    // ================================================================================================== live feed

    /** The SSE part on one running platform. */
    private static final class Live implements NotificationStream.Listener {

        /** A published milestone: whose, when (nanoTime before send), and whether it is counted. */
        record Sent(String employeeId, long nanos, boolean measured) {
        }

        /** The first arrival of a milestone's notification at its client. */
        record Arrival(long nanos, int stream) {
        }

        private final Platform platform;
        private final Map<String, Sent> sent = new ConcurrentHashMap<>();
        private final Map<String, Arrival> arrived = new ConcurrentHashMap<>();
        /** Ids a client received more than once: how many extra times. */
        private final Map<String, Integer> duplicates = new ConcurrentHashMap<>();
        /** Ids that arrived at a client other than their employee's. */
        private final Set<String> misrouted = ConcurrentHashMap.newKeySet();
        private final AtomicInteger unknown = new AtomicInteger();
        private final AtomicInteger producerErrors = new AtomicInteger();
        private final AtomicReference<String> firstProducerError = new AtomicReference<>();
        private final Random random = new Random(11);

        Live(Platform platform) {
            this.platform = platform;
        }

        @Override
        public void notification(NotificationStream stream, String id, long arrivedNanos) {
            Sent s = sent.get(id);
            if (s == null) {
                unknown.incrementAndGet();
                return;
            }
            if (!s.employeeId().equals(stream.employeeId)) {
                misrouted.add(id);
            }
            if (!stream.seen.add(id)) {
                duplicates.merge(id, 1, Integer::sum);
                return;
            }
            arrived.putIfAbsent(id, new Arrival(arrivedNanos, stream.index));
        }

        List<String> run() throws Exception {
            List<Account> accounts = accounts();
            List<String> tokens = tokens(accounts);
            ExecutorService clientThreads = Executors.newFixedThreadPool(CLIENT_THREADS, daemon("sse-client"));
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(clientThreads)
                    .build();
            List<NotificationStream> streams = new ArrayList<>();
            try {
                String connectSummary = connect(http, accounts, tokens, streams);
                List<NotificationStream> live = streams.stream().filter(s -> s.connected.isDone()
                        && !s.connected.isCompletedExceptionally()).toList();
                if (live.isEmpty()) {
                    throw new IllegalStateException("no stream connected; see " + platform.config().logDir());
                }
                try (KafkaProducer<String, String> producer = producer()) {
                    Phase warmup = publish(producer, "warm-up", WARMUP_SECONDS, live, false);
                    awaitArrivals(warmup, GRACE_SECONDS);
                    log("  " + summary(warmup, arrivalsBy(warmup, warmup.endNanos + GRACE_SECONDS * 1_000_000_000L)));
                    Phase measured = publish(producer, "measured", SECONDS, live, true);
                    long deadline = measured.endNanos + GRACE_SECONDS * 1_000_000_000L;
                    awaitArrivals(measured, GRACE_SECONDS);
                    Map<String, Long> latencies = arrivalsBy(measured, deadline);
                    List<String> result = new ArrayList<>();
                    result.add("live feed (SSE through the gateway): " + connectSummary);
                    result.add(summary(measured, latencies));
                    result.addAll(windows(measured, latencies));
                    result.add(streamHealth(streams));
                    return result;
                }
            } finally {
                streams.forEach(NotificationStream::cancel);
                clientThreads.shutdownNow();
            }
        }

        record Account(String username, String password, String sub) {
        }

        /** bench-0001 … through Keycloak's admin REST API, several at a time (each call hashes a password). */
        List<Account> accounts() throws Exception {
            KeycloakAdmin admin = platform.keycloakAdmin();
            long t = System.nanoTime();
            List<Callable<Account>> work = new ArrayList<>();
            for (int i = 1; i <= CLIENTS; i++) {
                String username = String.format("bench-%04d", i);
                String password = "pw-" + username;
                work.add(() -> new Account(username, password, admin.createAccount(new NewAccount(username,
                        username + "@bench.ladder.local", "Bench", username, password, List.of("employee")))));
            }
            List<Account> accounts = all(work, KEYCLOAK_THREADS);
            log(String.format("  %,d Keycloak accounts created (admin REST API, role employee, %d at a time) in %.1f s",
                    accounts.size(), KEYCLOAK_THREADS, secs(System.nanoTime() - t)));
            return accounts;
        }

        /** An access token of each (password grant of ladder-cli); valid 15 minutes, more than the run needs. */
        List<String> tokens(List<Account> accounts) throws Exception {
            TokenClient client = new TokenClient(platform.issuerUri());
            long t = System.nanoTime();
            List<Callable<String>> work = accounts.stream()
                    .<Callable<String>>map(a -> () -> client.accessToken(a.username(), a.password())).toList();
            List<String> tokens = all(work, KEYCLOAK_THREADS);
            String sub = String.valueOf(TokenClient.claims(tokens.get(0)).get("sub"));
            if (!sub.equals(accounts.get(0).sub())) {
                throw new IllegalStateException("token sub " + sub + " is not the account id " + accounts.get(0).sub());
            }
            log(String.format("  %,d access tokens in %.1f s", tokens.size(), secs(System.nanoTime() - t)));
            return tokens;
        }

        /**
         * Opens every stream through the gateway, at most CONNECT_CONCURRENCY waiting for their first event at once,
         * and waits until each has had it (or failed).
         */
        String connect(HttpClient http, List<Account> accounts, List<String> tokens, List<NotificationStream> streams)
                throws Exception {
            URI uri = URI.create(platform.gatewayUrl() + "/api/notifications/me/stream");
            Semaphore opening = new Semaphore(CONNECT_CONCURRENCY);
            long t = System.nanoTime();
            long deadline = t + TimeUnit.SECONDS.toNanos(CONNECT_TIMEOUT_SECONDS);
            for (int i = 0; i < accounts.size(); i++) {
                if (!opening.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                NotificationStream stream = new NotificationStream(i, accounts.get(i).sub(), this);
                streams.add(stream);
                stream.connected.whenComplete((at, error) -> opening.release());
                stream.open(http, uri, tokens.get(i));
            }
            for (NotificationStream stream : streams) {
                try {
                    stream.connected.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // counted below
                }
            }
            double took = secs(System.nanoTime() - t);
            List<Long> times = new ArrayList<>();
            Map<String, Integer> failures = new TreeMap<>();
            for (NotificationStream stream : streams) {
                if (stream.connected.isDone() && !stream.connected.isCompletedExceptionally()) {
                    times.add(stream.connected.join() - stream.openedNanos);
                } else {
                    failures.merge(stream.ended.getNow("no first event within " + CONNECT_TIMEOUT_SECONDS + " s"),
                            1, Integer::sum);
                }
            }
            failures.merge("not opened (connect timeout)", accounts.size() - streams.size(), Integer::sum);
            failures.values().removeIf(n -> n == 0);
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            String summary = String.format("%,d of %,d streams connected (first event seen) in %.1f s, %d opening at "
                            + "a time; time to first event p50 %.0f ms, p95 %.0f ms, max %.0f ms%s", sorted.length,
                    accounts.size(), took, CONNECT_CONCURRENCY, ms(percentile(sorted, 50)), ms(percentile(sorted, 95)),
                    ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
                    failures.isEmpty() ? "" : "; FAILED: " + failures);
            log("  " + summary);
            return summary;
        }

        /** One series of milestones at RATE per second. */
        final class Phase {
            final String label;
            final List<String> ids = new ArrayList<>();
            long startNanos;
            long endNanos;
            long maxLagNanos;

            Phase(String label) {
                this.label = label;
            }
        }

        Phase publish(KafkaProducer<String, String> producer, String label, int seconds, List<NotificationStream> live,
                      boolean measured) {
            Phase phase = new Phase(label);
            int count = seconds * RATE;
            long period = 1_000_000_000L / RATE;
            Instant occurred = Instant.now();
            phase.startNanos = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = phase.startNanos + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                NotificationStream to = live.get(random.nextInt(live.size()));
                String id = "bench-sse-" + label + "-" + i;
                MilestoneReached milestone = new MilestoneReached(id, to.employeeId,
                        MilestoneKind.READINESS_THRESHOLD_CROSSED, "bench-track", "mid", "Mid-Level", 50, 50,
                        "Benchmark milestone " + i, occurred.plusMillis(i * 1000L / RATE));
                ProducerRecord<String, String> record = milestoneRecord(milestone);
                long now = System.nanoTime();
                phase.maxLagNanos = Math.max(phase.maxLagNanos, now - due);
                sent.put(id, new Sent(to.employeeId, now, measured));
                phase.ids.add(id);
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        producerErrors.incrementAndGet();
                        firstProducerError.compareAndSet(null, error.toString());
                    }
                });
            }
            phase.endNanos = System.nanoTime();
            producer.flush();
            return phase;
        }

        /** Until every milestone of the phase has arrived, or {@code grace} seconds after its last send. */
        void awaitArrivals(Phase phase, int grace) throws InterruptedException {
            long deadline = phase.endNanos + TimeUnit.SECONDS.toNanos(grace);
            while (System.nanoTime() < deadline && !phase.ids.stream().allMatch(arrived::containsKey)) {
                Thread.sleep(50);
            }
            long left = deadline - System.nanoTime();
            if (left > 0 && phase.ids.stream().allMatch(arrived::containsKey)) {
                // every one is here: a short wait still lets a duplicate show up
                Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left), 2000));
            }
        }

        /** Latency (ns) of each milestone of the phase that arrived by {@code deadline}. */
        Map<String, Long> arrivalsBy(Phase phase, long deadline) {
            Map<String, Long> latencies = new HashMap<>();
            for (String id : phase.ids) {
                Arrival a = arrived.get(id);
                if (a != null && a.nanos() <= deadline) {
                    latencies.put(id, a.nanos() - sent.get(id).nanos());
                }
            }
            return latencies;
        }

        String summary(Phase phase, Map<String, Long> latencies) {
            long[] sorted = latencies.values().stream().mapToLong(Long::longValue).sorted().toArray();
            int lost = phase.ids.size() - sorted.length;
            long late = phase.ids.stream().filter(id -> arrived.containsKey(id) && !latencies.containsKey(id)).count();
            int dup = phase.ids.stream().mapToInt(id -> duplicates.getOrDefault(id, 0)).sum();
            long wrong = phase.ids.stream().filter(misrouted::contains).count();
            double rate = phase.ids.size() / secs(phase.endNanos - phase.startNanos);
            return String.format("%s: sent %,d milestones at %.1f/s (max %.0f ms behind schedule; producer errors %d%s), "
                            + "received %,d, lost %,d (not received within %d s after the last send%s), duplicates %d, "
                            + "misrouted %d, unknown ids %d; latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms"
                            + "%s", phase.label, phase.ids.size(), rate, ms(phase.maxLagNanos), producerErrors.get(),
                    firstProducerError.get() == null ? "" : " e.g. " + firstProducerError.get(), sorted.length, lost,
                    GRACE_SECONDS, late == 0 ? "" : "; " + late + " of them arrived later", dup, wrong, unknown.get(),
                    ms(percentile(sorted, 50)),
                    ms(percentile(sorted, 95)), ms(percentile(sorted, 99)),
                    ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
                    phase.label.equals("measured") ? String.format("   (target: p99 <= 1000 ms at %d/s with %,d "
                            + "clients)", RATE, CLIENTS) : "");
        }

        /** p50/p99/max by 10-second window of send time: a GC pause or a stall shows where it happened. */
        List<String> windows(Phase phase, Map<String, Long> latencies) {
            Map<Integer, List<Long>> byWindow = new TreeMap<>();
            Map<Integer, Integer> sentByWindow = new TreeMap<>();
            for (String id : phase.ids) {
                int window = (int) ((sent.get(id).nanos() - phase.startNanos) / 10_000_000_000L);
                sentByWindow.merge(window, 1, Integer::sum);
                Long latency = latencies.get(id);
                if (latency != null) {
                    byWindow.computeIfAbsent(window, w -> new ArrayList<>()).add(latency);
                }
            }
            List<String> lines = new ArrayList<>();
            for (Map.Entry<Integer, Integer> w : sentByWindow.entrySet()) {
                long[] sorted = byWindow.getOrDefault(w.getKey(), List.of()).stream().mapToLong(Long::longValue)
                        .sorted().toArray();
                lines.add(String.format("  %3d-%3d s: sent %,d, received %,d, p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                        w.getKey() * 10, w.getKey() * 10 + 10, w.getValue(), sorted.length, ms(percentile(sorted, 50)),
                        ms(percentile(sorted, 99)), ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1])));
            }
            return lines;
        }

        /** What the streams saw besides notifications: heartbeats, resets, evictions, streams ended on their own. */
        String streamHealth(List<NotificationStream> streams) {
            int heartbeats = 0;
            int resets = 0;
            int evictions = 0;
            int other = 0;
            int unparsable = 0;
            int unread = 0;
            Map<String, Integer> endedUnasked = new TreeMap<>();
            for (NotificationStream s : streams) {
                heartbeats += s.heartbeats.get();
                resets += s.resets.get();
                evictions += s.evictions.get();
                other += s.otherEvents.get();
                unparsable += s.unparsable.get();
                unread += s.unreadEvents.get();
                if (s.endedUnasked()) {
                    endedUnasked.merge(s.ended.join(), 1, Integer::sum);
                }
            }
            return String.format("streams: %,d unread events, %,d heartbeats, %d reset, %d evicted, %d other events, "
                            + "%d unparsable notifications; streams ended during the run: %s", unread, heartbeats,
                    resets, evictions, other, unparsable, endedUnasked.isEmpty() ? "none" : endedUnasked);
        }

        KafkaProducer<String, String> producer() {
            Properties props = new Properties();
            // the devstack's broker requires a login; this seeds what several services would publish (releases,
            // people, milestones), which no single service's user may, so it logs in as the platform's super user
            props.putAll(platform.kafkaClientConfig(KafkaAcls.User.ADMIN));
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "0"); // latency: each milestone goes out at once
            return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
    }

    // ================================================================================================== e-mail

    /** The e-mail part on one running platform. */
    private static final class Email {

        private final Platform platform;

        Email(Platform platform) {
            this.platform = platform;
        }

        List<String> run() throws Exception {
            List<String> employees = new ArrayList<>();
            Map<String, String> addresses = new HashMap<>();
            for (int i = 0; i < MAIL_COUNT; i++) {
                String id = AchievementThroughput.employeeId(700_000_000 + i);
                employees.add(id);
                addresses.put(String.format("mail-%05d@%s", i, MAIL_DOMAIN), id);
            }
            IntSupplier caught = caughtCounter(platform.mail());
            int caughtBefore = caught.getAsInt();
            try (KafkaProducer<String, String> producer = producer();
                 Connection db = DriverManager.getConnection(platform.jdbcUrl("notification"), platform.dbUser(),
                         platform.dbPassword());
                 Statement sql = db.createStatement()) {
                // the people, with their addresses
                long t = System.nanoTime();
                Instant now = Instant.now();
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < MAIL_COUNT; i++) {
                    EmployeeUpdated person = new EmployeeUpdated(employees.get(i), "Mail Person " + i,
                            String.format("mail-%05d@%s", i, MAIL_DOMAIN), "mail-team-" + (i % 50),
                            "Mail team " + (i % 50), null, "bench-track", "us", LocalDate.of(2015, 1, 1), now,
                            null, null, null, true);
                    sent.add(AchievementThroughput.send(producer, person.employeeId(), EventType.EMPLOYEE_UPDATED,
                            EventProducers.PROFILE_SERVICE, person.employeeId(), person, now));
                }
                producer.flush();
                for (Future<?> f : sent) {
                    f.get();
                }
                AchievementThroughput.awaitAtLeast(sql, "SELECT count(*) FROM person WHERE email LIKE '%@"
                                + MAIL_DOMAIN + "'", "people in notification-service", MAIL_COUNT,
                        Duration.ofMinutes(MAIL_TIMEOUT_MINUTES), Duration.ofMillis(250), seen -> failIfExited());
                log(String.format("  %,d EmployeeUpdated published and applied by notification-service in %.1f s",
                        MAIL_COUNT, secs(System.nanoTime() - t)));

                // one critical milestone each, as fast as the producer goes; the clock starts at the first send
                sent.clear();
                long t0 = System.nanoTime();
                Instant occurred = Instant.now();
                for (int i = 0; i < MAIL_COUNT; i++) {
                    MilestoneReached milestone = new MilestoneReached("bench-mail-" + i, employees.get(i),
                            MilestoneKind.CERTIFICATION_EXPIRED, "bench-track", "mid", "Mid-Level", 80, null,
                            "Your Bench Certification " + i + " expired", occurred, "bench-cert-" + i,
                            LocalDate.now().minusDays(1));
                    sent.add(producer.send(milestoneRecord(milestone)));
                }
                producer.flush();
                for (Future<?> f : sent) {
                    f.get();
                }
                long published = System.nanoTime();

                // watch: GreenMail's count often (cheap), the consumed milestones (in-app rows) now and then
                long deadline = t0 + TimeUnit.MINUTES.toNanos(MAIL_TIMEOUT_MINUTES);
                long consumedAt = 0;
                long firstMailAt = 0;
                long lastMailAt = 0;
                long lastCheck = 0;
                int count = 0;
                TreeMap<Integer, Integer> perSecond = new TreeMap<>();
                while (System.nanoTime() < deadline) {
                    int now2 = caught.getAsInt() - caughtBefore;
                    long at = System.nanoTime();
                    if (now2 > count) {
                        if (firstMailAt == 0) {
                            firstMailAt = at;
                        }
                        lastMailAt = at;
                        perSecond.merge((int) ((at - t0) / 1_000_000_000L), now2 - count, Integer::sum);
                        count = now2;
                    }
                    if (consumedAt == 0 && at - lastCheck > 500_000_000L) {
                        lastCheck = at;
                        if (count(sql, "SELECT count(*) FROM notification WHERE kind = 'CERTIFICATION_EXPIRED' AND id "
                                + "LIKE 'bench-mail-%'") >= MAIL_COUNT) {
                            consumedAt = System.nanoTime();
                        }
                        failIfExited();
                    }
                    if (count >= MAIL_COUNT) {
                        break;
                    }
                    Thread.sleep(50);
                }
                long doneAt = lastMailAt;
                if (consumedAt == 0 && count(sql, "SELECT count(*) FROM notification WHERE kind = "
                        + "'CERTIFICATION_EXPIRED' AND id LIKE 'bench-mail-%'") >= MAIL_COUNT) {
                    consumedAt = System.nanoTime(); // (at the latest)
                }
                // a quiet period: a late duplicate would show up now
                Thread.sleep(TimeUnit.SECONDS.toMillis(MAIL_SETTLE_SECONDS));
                return check(addresses, count, t0, published, consumedAt, firstMailAt, doneAt, perSecond, sql);
            }
        }

        List<String> check(Map<String, String> addresses, int count, long t0, long published, long consumedAt,
                           long firstMailAt, long doneAt, TreeMap<Integer, Integer> perSecond, Statement sql)
                throws Exception {
            long t = System.nanoTime();
            List<MailServer.Mail> mails = platform.mail().mails();
            double readSeconds = secs(System.nanoTime() - t);
            Map<String, Integer> perAddress = new HashMap<>();
            Map<String, Integer> perMessageId = new HashMap<>();
            int malformedIds = 0;
            int unexpected = 0;
            int ours = 0;
            for (MailServer.Mail mail : mails) {
                boolean mine = false;
                for (String to : mail.to()) {
                    String address = to.replaceAll(".*<([^>]+)>.*", "$1").trim().toLowerCase();
                    if (addresses.containsKey(address)) {
                        perAddress.merge(address, 1, Integer::sum);
                        mine = true;
                    }
                }
                if (!mine) {
                    unexpected++;
                    continue;
                }
                ours++;
                String id = mail.messageId();
                if (id == null || !MESSAGE_ID.matcher(id).matches()) {
                    malformedIds++;
                }
                perMessageId.merge(String.valueOf(id), 1, Integer::sum);
            }
            long missing = addresses.keySet().stream().filter(a -> !perAddress.containsKey(a)).count();
            long twice = perAddress.values().stream().filter(n -> n > 1).count();
            long extra = perAddress.values().stream().mapToLong(n -> n - 1).filter(n -> n > 0).sum();
            long repeatedIds = perMessageId.values().stream().filter(n -> n > 1).count();

            List<String> result = new ArrayList<>();
            double total = secs((doneAt == 0 ? System.nanoTime() : doneAt) - t0);
            result.add(String.format("e-mail (GreenMail over SMTP): %,d critical milestones published in %.1f s; "
                            + "notification-service consumed them all %s; GreenMail caught %,d of %,d e-mails %s",
                    MAIL_COUNT, secs(published - t0), consumedAt == 0 ? "NOT within the timeout"
                            : String.format("%.1f s after the first was sent (%,.0f milestones/s)", secs(consumedAt - t0),
                            MAIL_COUNT / secs(consumedAt - t0)), count, MAIL_COUNT,
                    count >= MAIL_COUNT ? String.format("%.1f s after the first milestone was sent", total)
                            : "within " + MAIL_TIMEOUT_MINUTES + " min (-Dbench.mail.timeout-minutes)"));
            if (firstMailAt != 0 && doneAt > firstMailAt) {
                result.add(String.format("e-mails/s: %,.0f from the first milestone sent to the last mail caught "
                                + "(includes the %s grouping window a critical e-mail waits); %,.0f from the first "
                                + "mail caught to the last (the sender's rate); first mail %.1f s after the first "
                                + "milestone", count / total, groupWindow(), (count - 1) / secs(doneAt - firstMailAt),
                        secs(firstMailAt - t0)));
            }
            result.add(String.format("check (after %d s more, all %,d caught mails read in %.1f s): addresses with no "
                            + "mail %,d, addresses with more than one %,d (%,d extra mails), Message-IDs used more than "
                            + "once %,d, malformed Message-IDs %,d, mails to other addresses %,d — %s",
                    MAIL_SETTLE_SECONDS, mails.size(), readSeconds, missing, twice, extra, repeatedIds, malformedIds,
                    unexpected, missing == 0 && twice == 0 && repeatedIds == 0 && malformedIds == 0 && ours == MAIL_COUNT
                            ? "OK: exactly one mail per address, no loss, no duplicate" : "NOT OK"));
            result.add("  mails caught per second since the first milestone: " + perSecond.entrySet().stream()
                    .map(e -> e.getKey() + "s:" + e.getValue()).collect(Collectors.joining(" ")));
            result.add("  outbound_message (EMAIL) by status: " + rows(sql, "SELECT status, count(*) FROM outbound_message "
                    + "WHERE channel = 'EMAIL' GROUP BY status ORDER BY status") + "; items per message: " + rows(sql,
                    "SELECT n, count(*) FROM (SELECT message_id, count(*) AS n FROM outbound_item WHERE channel = "
                            + "'EMAIL' GROUP BY message_id) x GROUP BY n ORDER BY n") + "; attempts by outcome: "
                    + rows(sql, "SELECT outcome, count(*) FROM delivery_attempt GROUP BY outcome ORDER BY outcome"));
            String errors = rows(sql, "SELECT left(coalesce(error, ''), 160), count(*) FROM delivery_attempt WHERE "
                    + "outcome <> 'DELIVERED' GROUP BY 1 ORDER BY 2 DESC LIMIT 5");
            if (!errors.isEmpty()) {
                result.add("  failed attempts' errors: " + errors);
            }
            return result;
        }

        /** What the platform set (the devstack's window), or the service's default. */
        String groupWindow() {
            return platform.config().serviceEnv().getOrDefault("LADDER_NOTIFICATION_GROUP_WINDOW", "5s");
        }

        void failIfExited() {
            if (platform.unexpectedExit().isDone()) {
                throw new IllegalStateException(platform.unexpectedExit().join());
            }
        }

        KafkaProducer<String, String> producer() {
            Properties props = new Properties();
            // the devstack's broker requires a login; this seeds what several services would publish (releases,
            // people, milestones), which no single service's user may, so it logs in as the platform's super user
            props.putAll(platform.kafkaClientConfig(KafkaAcls.User.ADMIN));
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
            return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
    }

    /**
     * How many mails GreenMail holds: its own count (cheap) through the devstack's MailServer's GreenMail; if that
     * field cannot be reached, {@link MailServer#mails()} (which parses every mail, so it is polled less often).
     */
    static IntSupplier caughtCounter(MailServer mail) {
        try {
            Field field = MailServer.class.getDeclaredField("smtp");
            field.setAccessible(true);
            Object greenMail = field.get(mail);
            var received = greenMail.getClass().getMethod("getReceivedMessages");
            received.invoke(greenMail);
            return () -> {
                try {
                    return ((Object[]) received.invoke(greenMail)).length;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            log("  (GreenMail's own count is not reachable (" + e + "): counting with MailServer.mails(), every 2 s)");
            long[] last = {0};
            int[] value = {0};
            return () -> {
                if (System.nanoTime() - last[0] > 2_000_000_000L) {
                    value[0] = mail.mails().size();
                    last[0] = System.nanoTime();
                }
                return value[0];
            };
        }
    }

    // ================================================================================================== helpers

    /** A milestone as progress-service publishes it (CloudEvents binary mode, key and subject = the employee). */
    static ProducerRecord<String, String> milestoneRecord(MilestoneReached milestone) {
        return CloudEventRecord.of(EventType.MILESTONE_REACHED, milestone.employeeId(),
                        JSON.writeValueAsString(milestone))
                .source(EventProducers.PROGRESS_SERVICE).subject(milestone.employeeId()).time(milestone.occurredAt())
                .producerRecord();
    }

    static <T> List<T> all(List<Callable<T>> work, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("bench-keycloak"));
        try {
            List<Future<T>> futures = pool.invokeAll(work);
            List<T> results = new ArrayList<>(futures.size());
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static long count(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A two-column answer as "a=1, b=2". */
    static String rows(Statement sql, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "=" + rs.getString(2));
            }
        }
        return String.join(", ", rows);
    }

    static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : TeamDashboard.percentile(sorted, p);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** WARN and ERROR lines of notification-service and the gateway during the run: how they coped. */
    static void serviceLogs(Platform platform) {
        for (Service service : List.of(Service.NOTIFICATION, Service.GATEWAY)) {
            Path file = platform.logFile(service.module());
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                Map<String, Integer> counts = new TreeMap<>();
                List<String> samples = new ArrayList<>();
                Set<String> sampled = new HashSet<>();
                lines.forEach(line -> {
                    String level = line.contains(" ERROR ") ? "ERROR" : line.contains(" WARN ") ? "WARN" : null;
                    if (level != null) {
                        counts.merge(level, 1, Integer::sum);
                        String key = line.replaceAll("^.*? (WARN|ERROR) ", "").replaceAll("[0-9a-f-]{36}", "…")
                                .replaceAll("\\d+", "#");
                        if (samples.size() < 5 && sampled.add(key.length() > 120 ? key.substring(0, 120) : key)) {
                            samples.add(TeamDashboard.abbreviate(line));
                        }
                    }
                });
                log(String.format("%s log: %s%s", service.module(), counts.isEmpty() ? "no WARN or ERROR lines"
                        : counts, samples.isEmpty() ? "" : "; e.g.\n    " + String.join("\n    ", samples)));
            } catch (IOException | UncheckedIOException e) {
                log(service.module() + " log unreadable: " + e.getMessage());
            }
        }
    }

    private NotificationDelivery() {
    }
}
