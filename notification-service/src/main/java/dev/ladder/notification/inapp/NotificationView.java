package dev.ladder.notification.inapp;

import java.time.Instant;

/**
 * What the owner sees in their feed: the employee id is implied by the token, the read time is just a flag.
 * {@code link} is the portal's hash path to act on it ({@code #/verification}, {@code #/certifications},
 * {@code #/progress}).
 */
public record NotificationView(String id, String kind, String title, String message, Instant createdAt,
                               boolean read, String link) {

    static NotificationView of(InAppNotification n) {
        return new NotificationView(n.id(), n.kind(), n.title(), n.message(), n.createdAt(), n.readAt() != null,
                n.link());
    }
}
