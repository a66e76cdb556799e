package dev.ladder.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed message is tried next: the channel's schedule entry for the attempt, varied by the jitter, or the
 * receiver's {@code Retry-After} when it asks for longer (capped). Empty when the schedule is used up: give up.
 */
final class RetrySchedule {

    private final DeliveryProperties properties;
    private final DoubleSupplier random;

    RetrySchedule(DeliveryProperties properties, DoubleSupplier random) {
        this.properties = properties;
        this.random = random;
    }

    /**
     * @param attempt the attempt that just failed, 1-based
     */
    Optional<Instant> next(OutboundChannel channel, int attempt, Duration retryAfter, Instant now) {
        List<Duration> waits = properties.schedule(channel);
        if (attempt > waits.size()) {
            return Optional.empty();
        }
        Duration wait = waits.get(attempt - 1);
        long millis = wait.toMillis();
        long varied = Math.round(millis * (1 + properties.jitter() * (2 * random.getAsDouble() - 1)));
        Duration planned = Duration.ofMillis(Math.max(0, varied));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(properties.maxRetryAfter()) > 0 ? properties.maxRetryAfter()
                    : retryAfter;
            if (asked.compareTo(planned) > 0) {
                planned = asked;
            }
        }
        return Optional.of(now.plus(planned));
    }
}
