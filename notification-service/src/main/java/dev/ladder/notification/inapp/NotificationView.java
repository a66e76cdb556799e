package dev.ladder.notification.inapp;

import java.time.Instant;

/** What the owner sees in their feed: the employee id is implied by the token, the read time is just a flag. */
public record NotificationView(String id, String kind, String title, String message, Instant createdAt,
                               boolean read) {

    static NotificationView of(InAppNotification n) {
        return new NotificationView(n.id(), n.kind(), n.title(), n.message(), n.createdAt(), n.readAt() != null);
    }
}
