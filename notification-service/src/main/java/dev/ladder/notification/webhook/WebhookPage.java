package dev.ladder.notification.webhook;

import java.util.List;

/** One page of a list: {@code page} is 0-based, {@code total} counts every item matching the query. */
public record WebhookPage<T>(List<T> items, int page, int size, long total) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 200;

    long offset() {
        return (long) page * size;
    }
}
