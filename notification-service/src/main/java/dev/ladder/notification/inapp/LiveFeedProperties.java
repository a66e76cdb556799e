package dev.ladder.notification.inapp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The live feed, {@code GET /api/notifications/me/stream} ({@code ladder.notification.sse.*}).
 *
 * @param heartbeat           how often an idle stream gets a comment line: more often than any idle timeout on the
 *                            way (proxies, load balancers), so nothing closes a quiet stream
 * @param maxDuration         how long one stream lasts at most (never longer than the caller's access token): then it
 *                            ends and the browser reconnects where it left off, with a fresh token
 * @param retry               the reconnection delay the browser is told ({@code retry:})
 * @param maxPerPerson        open streams per person (tabs, devices); one more closes that person's oldest
 * @param maxConnections      open streams on this instance; beyond that a new one is refused (503)
 * @param backlogLimit        the most notifications a (re)connecting stream is sent to catch up; with more missed it is
 *                            told to reload the list instead ({@code reset})
 * @param senderThreads       threads writing to streams (a stalled client holds one until the write times out)
 * @param listenRetry         the pause before the database listener reconnects after losing its connection
 */
@ConfigurationProperties("ladder.notification.sse")
public record LiveFeedProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration maxDuration,
        @DefaultValue("3s") Duration retry,
        @DefaultValue("10") int maxPerPerson,
        @DefaultValue("5000") int maxConnections,
        @DefaultValue("500") int backlogLimit,
        @DefaultValue("4") int senderThreads,
        @DefaultValue("2s") Duration listenRetry) {

    public LiveFeedProperties {
        if (heartbeat.isNegative() || heartbeat.isZero() || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("heartbeat and max-duration must be positive");
        }
        if (maxPerPerson < 1 || maxConnections < 1 || backlogLimit < 1 || senderThreads < 1) {
            throw new IllegalArgumentException(
                    "max-per-person, max-connections, backlog-limit and sender-threads must be at least 1");
        }
    }
}
