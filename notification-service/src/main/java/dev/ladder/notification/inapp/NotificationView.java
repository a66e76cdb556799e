package dev.ladder.notification.inapp;

import java.time.Instant;

/**
 * What the owner sees in their feed: the employee id is implied by the token, the read time is just a flag.
 * {@code link} is the portal's hash path to act on it ({@code #/verification}, {@code #/certifications},
 * {@code #/progress}). {@code seq} is the notification's place in the owner's feed (increasing in the order they
 * arrived): the id of its event on the stream and the cursor of {@code GET /api/notifications/me?before=}.
 */
public record NotificationView(String id, long seq, String kind, String title, String message, Instant createdAt,
                               boolean read, String link) {

    static NotificationView of(InAppNotification n) {
        return new NotificationView(n.id(), n.seq(), n.kind(), n.title(), n.message(), n.createdAt(),
                n.readAt() != null, n.link());
    }
}
