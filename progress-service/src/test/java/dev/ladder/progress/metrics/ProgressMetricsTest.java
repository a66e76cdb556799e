package dev.ladder.progress.metrics;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.kit.metrics.LadderMeters;
import dev.ladder.kit.outbox.OutboxRelay;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.IssuedCertifications;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.LadderInfra;
import dev.ladder.testkit.Scrape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * progress-service's meters, read as Prometheus reads them (the real {@code /actuator/prometheus}, a real token of the
 * scraper client), each after driving what it counts: the kit's meters (events applied, dead letters, consumer lag,
 * outbox backlog) and progress-service's own (readiness evaluations).
 */
class ProgressMetricsTest implements ProgressServiceTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String APPLIED = LadderMeters.APPLIED.prometheusNames().get(0);
    static final String DEAD_LETTERS = LadderMeters.DEAD_LETTERS.prometheusNames().get(0);
    static final String LAG = LadderMeters.CONSUMER_LAG.prometheusNames().get(0);
    static final String BACKLOG = LadderMeters.OUTBOX_BACKLOG.prometheusNames().get(0);
    static final String OLDEST = LadderMeters.OUTBOX_OLDEST_AGE.prometheusNames().get(0);
    static final String EVALUATED = LadderMeters.READINESS_EVALUATED.prometheusNames().get(0);
    static final String EVALUATION_COUNT = LadderMeters.READINESS_EVALUATION.prometheusNames().get(0);

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    OutboxRelay relay;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void theCatalogIsPublished() {
        CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, SeedTrack.TRACK,
                json.writeValueAsString(SeedTrack.version(1))).send();
    }

    @Test
    void onlyTheScraperMayScrapeAndItsTokenOpensNothingElse() throws Exception {
        assertThat(Scrape.status(base(), null)).isEqualTo(401);
        assertThat(Scrape.status(base(), LadderInfra.accessToken("alice"))).isEqualTo(403);
        assertThat(Scrape.status(base(), LadderInfra.accessToken("ada"))).as("an admin is no scraper").isEqualTo(403);
        assertThat(Scrape.status(base(), Scrape.token())).isEqualTo(200);

        String scraper = Scrape.token();
        assertThat(get("/api/progress/me", scraper)).isEqualTo(403);
        assertThat(get("/actuator/metrics", scraper)).isEqualTo(403);
        assertThat(get("/v3/api-docs", scraper)).isEqualTo(403);
        assertThat(get("/actuator/health", null)).isEqualTo(200);
    }

    @Test
    void anAppliedAchievementIsCountedByTypeAndItsEvaluationTimed() {
        Scrape before = scrape();

        certification(UUID.randomUUID().toString()).send();

        await().atMost(WAIT).untilAsserted(() -> {
            Scrape after = scrape();
            assertThat(after.sum(APPLIED, "topic", Topics.ACHIEVEMENTS, "group", ProgressApplication.CONSUMER,
                    "type", CertificationRecorded.class.getSimpleName()))
                    .isGreaterThan(before.sum(APPLIED, "topic", Topics.ACHIEVEMENTS, "group", ProgressApplication.CONSUMER,
                            "type", CertificationRecorded.class.getSimpleName()));
            assertThat(after.sum(EVALUATED, "trigger", "achievements"))
                    .isGreaterThan(before.sum(EVALUATED, "trigger", "achievements"));
            assertThat(after.sum(EVALUATION_COUNT, "trigger", "achievements"))
                    .isGreaterThan(before.sum(EVALUATION_COUNT, "trigger", "achievements"));
        });
    }

    @Test
    void aPoisonRecordIsCountedAsADeadLetterOfItsTopicWithTheReasonsClass() {
        Scrape before = scrape();

        CloudEventRecord.of(Topics.ACHIEVEMENTS, EventType.CERTIFICATION_RECORDED.id(), "someone", "{not json")
                .source(IssuedCertifications.ISSUER).send();

        await().atMost(WAIT).untilAsserted(() -> assertThat(scrape().sum(DEAD_LETTERS, "topic", Topics.ACHIEVEMENTS,
                "reason", "DeserializationException"))
                .isGreaterThan(before.sum(DEAD_LETTERS, "topic", Topics.ACHIEVEMENTS,
                        "reason", "DeserializationException")));
    }

    @Test
    void aPausedConsumerShowsItsLagUntilItCatchesUp() {
        MessageListenerContainer achievements = listeners.getAllListenerContainers().stream()
                .filter(c -> Arrays.asList(c.getContainerProperties().getTopics()).contains(Topics.ACHIEVEMENTS))
                .findFirst().orElseThrow();
        String[] lag = {"group", ProgressApplication.CONSUMER, "topic", Topics.ACHIEVEMENTS};
        await().atMost(WAIT).untilAsserted(() -> assertThat(scrape().has(LAG, lag)).isTrue());

        achievements.pause();
        try {
            await().atMost(WAIT).until(achievements::isContainerPaused);
            certification(UUID.randomUUID().toString()).send();
            certification(UUID.randomUUID().toString()).send();

            await().atMost(WAIT).untilAsserted(() -> assertThat(scrape().sum(LAG, lag)).isGreaterThanOrEqualTo(2));
        } finally {
            achievements.resume();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(scrape().sum(LAG, lag)).isZero());
    }

    @Test
    void anUnpublishedMilestoneShowsAsOutboxBacklogWithItsAgeUntilTheRelayPublishesIt() {
        relay.stop();
        try {
            // a third ready for Mid-Level: a milestone, written to the outbox with the projection
            certification(UUID.randomUUID().toString()).send();

            await().atMost(WAIT).untilAsserted(() -> {
                Scrape scrape = scrape();
                assertThat(scrape.sum(BACKLOG)).isGreaterThanOrEqualTo(1);
                assertThat(scrape.sum(OLDEST)).isPositive();
            });
        } finally {
            relay.start();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            Scrape scrape = scrape();
            assertThat(scrape.sum(BACKLOG)).isZero();
            assertThat(scrape.sum(OLDEST)).isZero();
        });
    }

    CloudEventRecord certification(String employee) {
        return IssuedCertifications.securityPlus(json, employee);
    }

    Scrape scrape() {
        return Scrape.of(base());
    }

    String base() {
        return "http://localhost:" + port;
    }

    int get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
