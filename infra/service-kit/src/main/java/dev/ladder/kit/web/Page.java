package dev.ladder.kit.web;

import java.util.List;

/**
 * One page of a list, the one paging shape of every Ladder API: {@code page} is 0-based, {@code size} the page size
 * asked for, {@code total} counts every item matching the query. A page past the end is empty with the right total.
 *
 * <p>Controllers take {@code @RequestParam(defaultValue = "0") @Min(0) int page} and
 * {@code @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size}: a size over the maximum or a
 * negative page is a 400 problem listing the parameter ({@link ProblemHandling}). Where the items come from a
 * database, the page is cut there ({@code ORDER BY ... , <unique key> LIMIT :size OFFSET :offset}), never by
 * loading everything; {@link #of} is for lists already in memory and bounded. A list of people inside a response
 * (a team's members) is a page too, chosen by {@code memberPage} and {@code memberSize}: see {@link MemberPaging}.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 200;

    /** The page size when the client names none. */
    public static final int DEFAULT_SIZE = 50;

    /** How many items come before this page: the SQL {@code OFFSET}. */
    public long offset() {
        return offset(page, size);
    }

    /** How many items come before page {@code page} of {@code size}: the SQL {@code OFFSET}. */
    public static long offset(int page, int size) {
        return (long) page * size;
    }

    /** Page {@code page} of a list held in memory (a page past the end is empty; {@code total} is the list's size). */
    public static <T> Page<T> of(List<T> all, int page, int size) {
        int from = (int) Math.min(all.size(), (long) page * size);
        int to = (int) Math.min(all.size(), (long) from + size);
        return new Page<>(List.copyOf(all.subList(from, to)), page, size, all.size());
    }
}
