package dev.ladder.notification.delivery;

import java.time.Instant;

/**
 * One notification inside an outbound message. {@code key} identifies the notification independently of attempts
 * and redeliveries: a target gets each key at most once per channel.
 */
public record OutboundItem(String key, String kind, String title, String message, String link, Instant createdAt) {
}
