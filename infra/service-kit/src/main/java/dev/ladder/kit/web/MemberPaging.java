package dev.ladder.kit.web;

import java.util.List;

/**
 * Which page of the lists of people inside a response to answer (a team's members inside the team): a list nested in
 * an answer is bounded like a list that is the answer, so no response grows with the organisation.
 *
 * <p>Controllers take {@code @RequestParam(defaultValue = "0") @Min(0) int memberPage} and
 * {@code @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int memberSize}: out of range is a 400
 * problem naming the parameter, exactly as for {@code page} and {@code size}. Each nested list is answered as a
 * {@link Page} (its own {@code total}, so a client can tell there is more); what the response counts or averages
 * over the people stays computed over all of them, not over the page. A list of such items (the teams someone leads)
 * takes {@code memberSize} only and answers each item's first page: a client reads further on the item's own
 * resource with {@code memberPage}, instead of every item of the list turning the page at once.
 */
public record MemberPaging(int page, int size) {

    /** The first {@code size} people of each nested list. */
    public static MemberPaging first(int size) {
        return new MemberPaging(0, size);
    }

    /** This page of a list held in memory because the response's aggregates need all of it anyway. */
    public <T> Page<T> of(List<T> all) {
        return Page.of(all, page, size);
    }

    /** How many people come before this page: the SQL {@code OFFSET}. */
    public long offset() {
        return Page.offset(page, size);
    }
}
