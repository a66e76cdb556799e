package dev.ladder.profile.catalog;

import dev.ladder.profile.ProfileServiceTest;
import dev.ladder.profile.TestCatalog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CatalogReleaseTest extends ProfileServiceTest {

    @Test
    void aRedeliveredReleaseIsAppliedOnceAndAnOlderVersionNeverReplacesANewerOne() {
        String track = "track-" + UUID.randomUUID();
        String v2 = UUID.randomUUID().toString();
        TestCatalog.publish(v2, track, 2, List.of(track + "-a", track + "-b"));
        TestCatalog.publish(v2, track, 2, List.of(track + "-a", track + "-b"));
        String v1 = TestCatalog.publish(UUID.randomUUID().toString(), track, 1, List.of(track + "-old"));
        // same key, same partition: once v3 is applied, everything sent before it has been consumed
        String v3 = TestCatalog.publish(UUID.randomUUID().toString(), track, 3, List.of(track + "-a", track + "-c"));

        await().atMost(Duration.ofSeconds(60)).until(() -> version(track) == 3);

        assertThat(jdbc.sql("select event_id from catalog_release where track_id = :track order by id")
                .param("track", track).query(String.class).list()).containsExactly(v2, v1, v3);
        assertThat(jdbc.sql("select applied from catalog_release where track_id = :track order by id")
                .param("track", track).query(Boolean.class).list()).containsExactly(true, false, true);
        assertThat(count("select count(*) from processed_event where event_id = '" + v2 + "'")).isEqualTo(1);
        assertThat(jdbc.sql("select certification_id from catalog_certification where track_id = :track")
                .param("track", track).query(String.class).list())
                .containsExactlyInAnyOrder(track + "-a", track + "-c");
        assertThat(TestCatalog.knows(jdbc, track + "-b")).isFalse();
        assertThat(TestCatalog.knows(jdbc, track + "-old")).isFalse();
    }

    private int version(String track) {
        return jdbc.sql("select coalesce(max(version), 0) from catalog_track where track_id = :track")
                .param("track", track).query(Integer.class).single();
    }
}
