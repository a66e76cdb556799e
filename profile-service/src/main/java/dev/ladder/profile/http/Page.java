package dev.ladder.profile.http;

import java.util.List;

/** One page of a list: {@code page} is 0-based, {@code total} counts every item matching the query. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 200;

    public long offset() {
        return (long) page * size;
    }

    /** Page {@code page} of a list held in memory (a page past the end is empty; {@code total} is the list's size). */
    public static <T> Page<T> of(List<T> all, int page, int size) {
        int from = (int) Math.min(all.size(), (long) page * size);
        int to = (int) Math.min(all.size(), (long) from + size);
        return new Page<>(List.copyOf(all.subList(from, to)), page, size, all.size());
    }
}
