package dev.ladder.kit.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LadderMetersTest {

    /**
     * What {@link LadderMeters.Definition#prometheusNames()} promises — and infra/deploy-check trusts when it checks the
     * alert rules and the dashboard — is what a real Prometheus registry exposes.
     */
    @Test
    void thePrometheusNamesAreTheOnesARealPrometheusRegistryExposes() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Set<String> promised = new HashSet<>();
        for (LadderMeters.Definition meter : LadderMeters.ALL) {
            String[] tags = Arrays.stream(meter.tagKeys()).flatMap(key -> Arrays.stream(new String[]{key, "x"}))
                    .toArray(String[]::new);
            switch (meter.kind()) {
                case COUNTER -> meter.counter(registry, tags).increment();
                case GAUGE -> meter.gauge(registry, () -> 1, tags);
                case TIMER -> meter.timer(registry, tags).record(Duration.ofMillis(5));
            }
            promised.addAll(meter.prometheusNames());
        }

        Set<String> exposed = registry.scrape().lines().filter(line -> line.startsWith("ladder_"))
                .map(line -> line.split("[{ ]")[0]).collect(Collectors.toSet());

        assertThat(exposed).isEqualTo(promised);
    }

    @Test
    void namesAreUniqueAndEveryMeterIsDescribed() {
        assertThat(LadderMeters.ALL.stream().map(LadderMeters.Definition::name).distinct())
                .hasSameSizeAs(LadderMeters.ALL);
        assertThat(LadderMeters.ALL).allSatisfy(meter -> {
            assertThat(meter.name()).startsWith("ladder.");
            assertThat(meter.description()).isNotBlank();
            assertThat(meter.baseUnit()).isNotBlank();
        });
    }

    @Test
    void aMeterTakesExactlyItsTagsInOrderSoNoUnboundedTagSlipsIn() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        assertThatThrownBy(() -> LadderMeters.DEAD_LETTERS.counter(registry, "topic", "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LadderMeters.DEAD_LETTERS.counter(registry, "topic", "t", "employee", "e-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LadderMeters.OUTBOX_BACKLOG.counter(registry))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCachedValueIsReadOncePerPeriodAndAgainAfterIt() {
        AtomicInteger reads = new AtomicInteger();
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Cached<Integer> cached = new Cached<>(reads::incrementAndGet, Duration.ofSeconds(5), clock);

        assertThat(cached.get()).isEqualTo(1);
        now[0] = now[0].plusSeconds(4);
        assertThat(cached.get()).isEqualTo(1);
        now[0] = now[0].plusSeconds(1);
        assertThat(cached.get()).isEqualTo(2);
    }
}
