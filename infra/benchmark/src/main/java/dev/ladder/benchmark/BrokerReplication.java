package dev.ladder.benchmark;

import dev.ladder.benchmark.AchievementThroughput.Kafka;
import dev.ladder.devstack.LocalKafka;
import dev.ladder.kafka.KafkaAcls;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.ladder.benchmark.AchievementThroughput.EVENTS;
import static dev.ladder.benchmark.AchievementThroughput.ROUNDS;
import static dev.ladder.benchmark.AchievementThroughput.WARMUP;
import static dev.ladder.benchmark.AchievementThroughput.log;
import static dev.ladder.benchmark.AchievementThroughput.median;
import static dev.ladder.benchmark.AchievementThroughput.rates;
import static dev.ladder.benchmark.AchievementThroughput.secs;

/**
 * What replication costs the ingest: the same workload as {@link AchievementThroughput}'s framework path on Kafka as
 * the light devstack runs it (one node) and as {@code infra/devstack/run --ha} runs it (three nodes, every topic
 * with replication factor 3 and {@code min.insync.replicas} 2, so each commit of the service's consumer offsets and
 * each milestone it publishes waits for a second copy). Both are {@link LocalKafka}: broker JVMs of their own, SASL,
 * Ladder's users and ACLs; the service connects as progress-service under its ACLs, as on the platform. Both run at
 * once, each with its own progress-service and database in this JVM, and the rounds alternate between them, so a
 * slow moment of the machine hits both and the medians compare them.
 * <p>
 * {@code -Dbench.replication=true} on the benchmark profile (README, "Several instances"); the sizes are
 * AchievementThroughput's ({@code -Dbench.events}, {@code -Dbench.rounds}, ...).
 */
final class BrokerReplication {

    static void run(long started) throws Exception {
        Path home = Files.createTempDirectory("ladder-bench-kafka-");
        Path logs = Files.createDirectories(home.resolve("logs"));
        log("Kafka as the devstack runs it (broker JVMs, SASL, ACLs), logs in " + logs);
        try (LocalKafka one = LocalKafka.start(home.resolve("one"), 1, logs.resolve("one"));
             LocalKafka three = LocalKafka.start(home.resolve("three"), 3, logs.resolve("three"))) {
            List<Target> targets = List.of(new Target("1 broker", one), new Target("3 brokers", three));
            for (Target target : targets) {
                log(String.format("%s at %s: replication factor %d, min.insync.replicas %d", target.label,
                        target.cluster.bootstrap(), target.cluster.replicationFactor(),
                        target.cluster.minInSyncReplicas()));
                long t = System.nanoTime();
                AchievementThroughput.seedAndProduce(target.kafka);
                log(String.format("  produced seed + %,d achievement events (acks=all) in %.1f s", EVENTS,
                        secs(System.nanoTime() - t)));
            }
            for (Target target : targets) {
                target.db = AchievementThroughput.newDatabase();
                target.context = AchievementThroughput.startService(target.db, target.kafka);
            }
            try {
                for (Target target : targets) {
                    AchievementThroughput.startSeedListenersAndWait(target.context, target.db);
                    AchievementThroughput.runFramework(target.context, target.db, target.kafka,
                            "warm-up, " + target.label, Math.min(WARMUP, EVENTS));
                }
                for (int round = 1; round <= ROUNDS; round++) {
                    for (Target target : targets) {
                        target.rates.add(AchievementThroughput.runFramework(target.context, target.db, target.kafka,
                                target.label + " #" + round, EVENTS));
                    }
                }
            } finally {
                for (Target target : targets) {
                    target.context.close();
                }
            }
            double single = median(targets.get(0).rates);
            double replicated = median(targets.get(1).rates);
            log("================ RESULT ================");
            log(String.format("1 broker  (replication factor 1): median %,.0f events/s of %s", single,
                    rates(targets.get(0).rates)));
            log(String.format("3 brokers (replication factor 3, min.insync.replicas 2): median %,.0f events/s of %s",
                    replicated, rates(targets.get(1).rates)));
            log(String.format("ratio 3 brokers / 1 broker (medians): %.2f", replicated / single));
            log(String.format("load average now: %.2f; total run %.0f s",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    secs(System.nanoTime() - started)));
        }
    }

    private static final class Target {
        final String label;
        final LocalKafka cluster;
        final Kafka kafka;
        final List<Double> rates = new ArrayList<>();
        String db;
        ConfigurableApplicationContext context;

        Target(String label, LocalKafka cluster) {
            this.label = label;
            this.cluster = cluster;
            // the benchmark's clients as the super user (they set up and rewind); the service as itself
            KafkaAcls.User service = KafkaAcls.User.PROGRESS;
            this.kafka = new Kafka(cluster.bootstrap(), cluster.clientConfig(KafkaAcls.User.ADMIN), List.of(
                    "--spring.kafka.bootstrap-servers=" + cluster.bootstrap(),
                    "--ladder.kafka.username=" + service.username(),
                    "--ladder.kafka.password=" + service.localPassword(),
                    "--ladder.kafka.security-protocol=" + KafkaAcls.SECURITY_PROTOCOL,
                    // its password is the repository's local one, which only local mode accepts (LocalMode)
                    "--spring.profiles.active=local"));
        }
    }

    private BrokerReplication() {
    }
}
