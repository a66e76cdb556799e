package dev.ladder.catalog;

import dev.ladder.catalog.release.TrackRelease;
import dev.ladder.catalog.roadmap.Roadmap;
import dev.ladder.catalog.roadmap.RoadmapParser;
import dev.ladder.catalog.roadmap.SeedRoadmap;
import dev.ladder.catalog.seed.RoadmapImport;
import dev.ladder.contracts.Topics;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances of the service starting at once on an empty database (a rolling deploy, a scaled-out
 * devstack) must publish the seed track exactly once.
 */
class ConcurrentStartupTest {

    @Test
    void twoInstancesStartingTogetherPublishVersionOneOnce() throws Exception {
        Map<String, Supplier<Object>> infra = new LinkedHashMap<>();
        LadderInfra.register(infra::put, "catalog");
        // command-line arguments, not builder properties: those are defaults that application.yml would override
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
        infra.forEach((name, value) -> arguments.add("--" + name + "=" + value.get()));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        // Logging is JVM-wide state (logback's context, the system properties Spring Boot sets for it). Two
        // applications setting it up at the same moment in one JVM race each other ("Unknown format
        // 'CONSOLE_LOG_STRUCTURED_FORMAT_IS_UNDEFINED'"), which two instances in two JVMs never do. So logging is
        // set up one application at a time, and the barrier then releases both into refresh and the seed runner,
        // where the race under test is.
        Semaphore loggingSetUp = new Semaphore(1);
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<ConfigurableApplicationContext> start = () -> new SpringApplicationBuilder(CatalogApplication.class)
                .listeners(new LoggingOneAtATime(loggingSetUp, together))
                .run(arguments.toArray(String[]::new));
        try (KafkaProbe releases = LadderInfra.probe(Topics.CATALOG_RELEASES)) {
            Future<ConfigurableApplicationContext> a = pool.submit(start);
            Future<ConfigurableApplicationContext> b = pool.submit(start);
            ConsumerRecord<String, String> published;
            ConsumerRecord<String, String> raced;
            try (ConfigurableApplicationContext first = a.get(); ConfigurableApplicationContext second = b.get()) {
                JdbcClient jdbc = first.getBean(JdbcClient.class);
                assertThat(count(jdbc, "SELECT count(*) FROM catalog_version")).isEqualTo(1);
                assertThat(count(jdbc, "SELECT count(*) FROM outbox_event")).isEqualTo(1);

                published = releases.await(KafkaProbe.hasKey(SeedRoadmap.TRACK_ID), Duration.ofSeconds(30));

                raced = importsRacingOnOneTrackPublishOnce(first, second, jdbc, releases);
            }
            // both instances closed, their relays stopped and producers flushed: whatever either of them ever
            // published is on the topic now, so reading it to the end is the whole story
            releases.noneUpToEnd(KafkaProbe.hasKey(SeedRoadmap.TRACK_ID).and(r -> r != published));
            releases.noneUpToEnd(KafkaProbe.hasKey("race-track").and(r -> r != raced));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The same race, made certain: importers on both instances released at once for a track neither has. Returns
     * the one publication.
     */
    private static ConsumerRecord<String, String> importsRacingOnOneTrackPublishOnce(
            ConfigurableApplicationContext first, ConfigurableApplicationContext second, JdbcClient jdbc,
            KafkaProbe releases) throws Exception {
        Roadmap roadmap = RoadmapParser.parse("race-track", SeedRoadmap.markdown());
        List<RoadmapImport> importers = List.of(first.getBean(RoadmapImport.class),
                second.getBean(RoadmapImport.class), first.getBean(RoadmapImport.class),
                second.getBean(RoadmapImport.class));
        ExecutorService pool = Executors.newFixedThreadPool(importers.size());
        try {
            CyclicBarrier together = new CyclicBarrier(importers.size());
            List<Future<Optional<TrackRelease>>> results = new ArrayList<>();
            for (RoadmapImport importer : importers) {
                results.add(pool.submit(() -> {
                    together.await();
                    return importer.importIfAbsent(roadmap, "test");
                }));
            }
            int published = 0;
            for (Future<Optional<TrackRelease>> result : results) {
                published += result.get().isPresent() ? 1 : 0;
            }
            assertThat(published).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(jdbc, "SELECT count(*) FROM catalog_version WHERE track_id = 'race-track'")).isEqualTo(1);
        ConsumerRecord<String, String> event = releases.await(KafkaProbe.hasKey("race-track"), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count(jdbc, "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")).isZero());
        return event;
    }

    /** Holds the permit from the start of one application until its logging is set up, then waits for the other. */
    private static final class LoggingOneAtATime implements ApplicationListener<SpringApplicationEvent> {
        private final Semaphore permit;
        private final CyclicBarrier together;
        private boolean holding;

        LoggingOneAtATime(Semaphore permit, CyclicBarrier together) {
            this.permit = permit;
            this.together = together;
        }

        @Override
        public void onApplicationEvent(SpringApplicationEvent event) {
            if (event instanceof ApplicationStartingEvent) {
                permit.acquireUninterruptibly();
                holding = true;
            } else if (event instanceof ApplicationPreparedEvent) {
                release();
                try {
                    together.await(2, TimeUnit.MINUTES);
                } catch (Exception e) {
                    throw new IllegalStateException("the other instance did not get as far as refresh", e);
                }
            } else if (event instanceof ApplicationFailedEvent) {
                release();
                together.reset(); // the other instance must not wait for this one
            }
        }

        private void release() {
            if (holding) {
                holding = false;
                permit.release();
            }
        }
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
