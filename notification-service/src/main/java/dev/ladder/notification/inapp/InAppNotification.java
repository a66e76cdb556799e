package dev.ladder.notification.inapp;

import java.time.Instant;

/**
 * A stored in-app notification; {@code readAt} is null until the employee marks it read. {@code seq} is its place in
 * the recipient's feed (1, 2, 3, … per recipient, in commit order): the id of its Server-Sent Event.
 */
public record InAppNotification(String id, long seq, String employeeId, String kind, String title, String message,
                                Instant createdAt, Instant readAt, String link) {
}
