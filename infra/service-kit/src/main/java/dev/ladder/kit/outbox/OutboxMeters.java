package dev.ladder.kit.outbox;

import dev.ladder.kit.metrics.Cached;
import dev.ladder.kit.metrics.LadderMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * How far the relay is behind: {@link LadderMeters#OUTBOX_BACKLOG} and {@link LadderMeters#OUTBOX_OLDEST_AGE}, from
 * one query over the partial index of unsent rows, run at most once per {@link #FRESH_FOR} however often anyone
 * scrapes. A database that cannot answer shows as NaN (no data), not as an empty outbox.
 */
class OutboxMeters implements MeterBinder {

    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(OutboxMeters.class);

    private final Cached<Backlog> backlog;

    OutboxMeters(JdbcClient jdbc, Clock clock) {
        this.backlog = new Cached<>(() -> read(jdbc, clock), FRESH_FOR);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        LadderMeters.OUTBOX_BACKLOG.gauge(registry, () -> backlog.get().rows());
        LadderMeters.OUTBOX_OLDEST_AGE.gauge(registry, () -> backlog.get().oldestAgeSeconds());
    }

    private static Backlog read(JdbcClient jdbc, Clock clock) {
        try {
            return jdbc.sql("SELECT count(*), min(occurred_at) FROM outbox_event WHERE sent_at IS NULL")
                    .query((rs, n) -> {
                        Timestamp oldest = rs.getTimestamp(2);
                        double age = oldest == null ? 0
                                : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
                        return new Backlog(rs.getLong(1), age);
                    })
                    .single();
        } catch (DataAccessException e) {
            log.debug("Outbox backlog unknown: {}", e.getMessage());
            return new Backlog(Double.NaN, Double.NaN);
        }
    }

    private record Backlog(double rows, double oldestAgeSeconds) {
    }
}
