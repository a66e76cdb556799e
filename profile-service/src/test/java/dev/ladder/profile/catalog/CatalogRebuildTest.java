package dev.ladder.profile.catalog;

import dev.ladder.profile.ProfileApplication;
import dev.ladder.profile.TestCatalog;
import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A reset database behind a consumer group that already committed its offsets still gets the whole catalog. */
class CatalogRebuildTest {

    private final String group = "profile-rebuild-" + UUID.randomUUID();

    @Test
    void aFreshDatabaseRebuildsTheLocalCatalogFromTheReleasesTopic() {
        try (ConfigurableApplicationContext first = start()) {
            TestCatalog.ensureSeedTrack(first.getBean(JdbcClient.class));
        }

        try (ConfigurableApplicationContext reset = start()) {
            JdbcClient jdbc = reset.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> TestCatalog.knows(jdbc, "comptia-security-plus"));
            assertThat(jdbc.sql("select count(*) from catalog_track").query(Long.class).single()).isPositive();
        }
    }

    /** Same consumer group every time, a new empty database every time. */
    private ConfigurableApplicationContext start() {
        Map<String, Object> properties = new LinkedHashMap<>();
        LadderInfra.register((name, value) -> properties.put(name, value.get()), "profile");
        properties.put("server.port", 0);
        properties.put("ladder.profile.consumer-group", group);
        properties.put("ladder.outbox.relay-enabled", false);
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(ProfileApplication.class).run(args.toArray(String[]::new));
    }
}
