package dev.ladder.notification.delivery;

/**
 * How an outbound message collects notifications: {@code NOW} for a short window (a burst becomes one message),
 * deferred by quiet hours; {@code CRITICAL} the same but never deferred — its own message, so critical news does not
 * pull deferred news out of the quiet hours; {@code DAILY} / {@code WEEKLY} until the person's digest hour.
 */
public enum Grouping {
    NOW,
    CRITICAL,
    DAILY,
    WEEKLY
}
