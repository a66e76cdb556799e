package dev.ladder.profile.metrics;

import dev.ladder.contracts.Topics;
import dev.ladder.kit.metrics.LadderMeters;
import dev.ladder.profile.ProfileServiceTest;
import dev.ladder.profile.TestCatalog;
import dev.ladder.testkit.LadderInfra;
import dev.ladder.testkit.Scrape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * profile-service gets the kit's meters without a line of its own, on a {@code /actuator/prometheus} only the scraper
 * reads: a catalog release it applies is counted by type, its consumer's lag and its outbox are gauged.
 */
class ProfileMetricsTest extends ProfileServiceTest {

    static final String APPLIED = LadderMeters.APPLIED.prometheusNames().get(0);

    @Test
    void onlyTheScraperMayScrape() {
        assertThat(Scrape.status(base(), null)).isEqualTo(401);
        assertThat(Scrape.status(base(), LadderInfra.accessToken("alice"))).isEqualTo(403);
        assertThat(Scrape.status(base(), LadderInfra.accessToken("ada"))).isEqualTo(403);
    }

    @Test
    void anAppliedCatalogReleaseIsCountedAndTheKitsGaugesAreThere() {
        String[] release = {"topic", Topics.CATALOG_RELEASES, "group", GROUP, "type", "CatalogVersionPublished"};
        double before = Scrape.of(base()).sum(APPLIED, release);

        TestCatalog.publish(UUID.randomUUID().toString(), "metrics-track-" + UUID.randomUUID(), 1,
                List.of("comptia-security-plus"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Scrape scrape = Scrape.of(base());
            assertThat(scrape.sum(APPLIED, release)).isGreaterThan(before);
            assertThat(scrape.has(LadderMeters.CONSUMER_LAG.prometheusNames().get(0), "group", GROUP,
                    "topic", Topics.CATALOG_RELEASES)).isTrue();
            assertThat(scrape.has(LadderMeters.OUTBOX_BACKLOG.prometheusNames().get(0))).isTrue();
            assertThat(scrape.has(LadderMeters.OUTBOX_OLDEST_AGE.prometheusNames().get(0))).isTrue();
        });
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
