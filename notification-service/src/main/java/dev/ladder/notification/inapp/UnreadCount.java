package dev.ladder.notification.inapp;

/** How many of the caller's notifications are unread: {@code GET /api/notifications/me/unread-count} and the data of
 * the stream's {@code unread} event. */
public record UnreadCount(long unread) {
}
