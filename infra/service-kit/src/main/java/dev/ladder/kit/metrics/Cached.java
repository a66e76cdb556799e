package dev.ladder.kit.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value read at most once per {@code ttl}, for gauges that ask the database or the broker: Prometheus (and every
 * replica of it) scrapes on its own schedule, and a scrape must not turn into a burst of queries. A failed read is not
 * cached: the next scrape tries again.
 */
public final class Cached<T> implements Supplier<T> {

    private final Supplier<T> read;
    private final Duration ttl;
    private final Clock clock;
    private T value;
    private Instant readAt;

    public Cached(Supplier<T> read, Duration ttl) {
        this(read, ttl, Clock.systemUTC());
    }

    Cached(Supplier<T> read, Duration ttl, Clock clock) {
        this.read = read;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized T get() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(ttl))) {
            value = read.get();
            readAt = now;
        }
        return value;
    }
}
