package dev.ladder.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static DeliveryProperties properties(double jitter) {
        return new DeliveryProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2), 50,
                8, List.of(Duration.ofSeconds(10), Duration.ofMinutes(1)),
                List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30)), jitter,
                Duration.ofHours(1), Duration.ofDays(3));
    }

    @Test
    void followsTheChannelsScheduleThenGivesUp() {
        RetrySchedule schedule = new RetrySchedule(properties(0), () -> 0.5);
        assertThat(schedule.next(OutboundChannel.WEBHOOK, 1, null, NOW)).contains(NOW.plusSeconds(5));
        assertThat(schedule.next(OutboundChannel.WEBHOOK, 2, null, NOW)).contains(NOW.plusSeconds(300));
        assertThat(schedule.next(OutboundChannel.WEBHOOK, 3, null, NOW)).contains(NOW.plusSeconds(1800));
        assertThat(schedule.next(OutboundChannel.WEBHOOK, 4, null, NOW)).isEmpty();
        assertThat(schedule.next(OutboundChannel.EMAIL, 1, null, NOW)).contains(NOW.plusSeconds(10));
        assertThat(schedule.next(OutboundChannel.EMAIL, 3, null, NOW)).isEmpty();
    }

    @Test
    void jitterVariesTheWaitWithinItsFraction() {
        assertThat(new RetrySchedule(properties(0.2), () -> 0.0).next(OutboundChannel.WEBHOOK, 2, null, NOW))
                .contains(NOW.plusSeconds(240));
        assertThat(new RetrySchedule(properties(0.2), () -> 1.0).next(OutboundChannel.WEBHOOK, 2, null, NOW))
                .contains(NOW.plusSeconds(360));
    }

    @Test
    void retryAfterIsHonouredWhenLongerAndCapped() {
        RetrySchedule schedule = new RetrySchedule(properties(0), () -> 0.5);
        assertThat(schedule.next(OutboundChannel.WEBHOOK, 1, Duration.ofSeconds(2), NOW)).contains(NOW.plusSeconds(5));
        assertThat(schedule.next(OutboundChannel.WEBHOOK, 1, Duration.ofSeconds(90), NOW)).contains(NOW.plusSeconds(90));
        assertThat(schedule.next(OutboundChannel.WEBHOOK, 1, Duration.ofDays(2), NOW)).contains(NOW.plusSeconds(3600));
    }
}
