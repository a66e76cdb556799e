package dev.ladder.notification.inapp;

import java.util.List;

/**
 * One page of a feed, newest first.
 *
 * @param total  how many notifications the feed has (with {@code unread=true}: how many are unread)
 * @param unread how many of the owner's notifications are unread
 * @param next   the {@code before} cursor of the next page: the {@code seq} of this page's last item; null on the last
 *               page
 */
public record FeedPage(List<NotificationView> items, long total, long unread, Long next) {
}
