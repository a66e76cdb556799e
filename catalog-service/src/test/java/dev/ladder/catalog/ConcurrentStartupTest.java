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
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<ConfigurableApplicationContext> start = () -> {
            together.await();
            return new SpringApplicationBuilder(CatalogApplication.class).run(arguments.toArray(String[]::new));
        };
        try (KafkaProbe releases = LadderInfra.probe(Topics.CATALOG_RELEASES)) {
            Future<ConfigurableApplicationContext> a = pool.submit(start);
            Future<ConfigurableApplicationContext> b = pool.submit(start);
            try (ConfigurableApplicationContext first = a.get(); ConfigurableApplicationContext second = b.get()) {
                JdbcClient jdbc = first.getBean(JdbcClient.class);
                assertThat(count(jdbc, "SELECT count(*) FROM catalog_version")).isEqualTo(1);
                assertThat(count(jdbc, "SELECT count(*) FROM outbox_event")).isEqualTo(1);

                ConsumerRecord<String, String> published =
                        releases.await(KafkaProbe.hasKey(SeedRoadmap.TRACK_ID), Duration.ofSeconds(30));
                releases.none(KafkaProbe.hasKey(SeedRoadmap.TRACK_ID).and(r -> r != published),
                        Duration.ofSeconds(2));

                importsRacingOnOneTrackPublishOnce(first, second, jdbc, releases);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same race, made certain: importers on both instances released at once for a track neither has. */
    private static void importsRacingOnOneTrackPublishOnce(ConfigurableApplicationContext first,
                                                           ConfigurableApplicationContext second, JdbcClient jdbc,
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
        releases.none(KafkaProbe.hasKey("race-track").and(r -> r != event), Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count(jdbc, "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")).isZero());
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
