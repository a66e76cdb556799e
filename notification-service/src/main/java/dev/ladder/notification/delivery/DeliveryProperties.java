package dev.ladder.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * How e-mail and webhook messages are grouped and sent ({@code ladder.notification.delivery.*}).
 *
 * @param enabled      whether this instance sends at all (every instance may; claims never overlap)
 * @param pollInterval how often the sender looks for due messages
 * @param groupWindow  how long a message for "now" waits for more of the same burst before it is sent: a catalog
 *                     release that moves a whole team is one message per manager, not one per person
 * @param lease        how long a sender owns a claimed message; after that another takes it over (the first crashed
 *                     mid-send) — longer than any send can take
 * @param batchSize    messages claimed per poll
 * @param threads      sends running at once
 * @param email        the e-mail retry schedule: the waits after the 1st, 2nd, … failed attempt; then it gives up
 * @param webhook      the webhook retry schedule (Standard Webhooks': 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h)
 * @param jitter       each wait is varied by up to this fraction either way, so failed sends do not return in step
 * @param maxRetryAfter the longest {@code Retry-After} honoured (a longer one is capped)
 * @param maxAge       news older than this (by its own time) is not e-mailed or posted, only shown in-app: a new
 *                     consumer group reads the topics from their beginning
 */
@ConfigurationProperties("ladder.notification.delivery")
public record DeliveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration groupWindow,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("50") int batchSize,
        @DefaultValue("8") int threads,
        @DefaultValue({"10s", "30s", "1m", "2m", "5m", "10m", "30m", "1h", "2h", "5h", "10h"}) List<Duration> email,
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> webhook,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("1h") Duration maxRetryAfter,
        @DefaultValue("3d") Duration maxAge) {

    List<Duration> schedule(OutboundChannel channel) {
        return channel == OutboundChannel.EMAIL ? email : webhook;
    }
}
