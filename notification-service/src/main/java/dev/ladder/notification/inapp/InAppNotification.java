package dev.ladder.notification.inapp;

import java.time.Instant;

/** A stored in-app notification; {@code readAt} is null until the employee marks it read. */
public record InAppNotification(String id, String employeeId, String kind, String title, String message,
                                Instant createdAt, Instant readAt, String link) {
}
