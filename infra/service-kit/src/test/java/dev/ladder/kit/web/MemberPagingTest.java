package dev.ladder.kit.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A nested list's page: the page asked for, its size, and the total of the whole list whichever page it is. */
class MemberPagingTest {

    private static final List<Integer> FIFTY_ONE = IntStream.range(0, Page.DEFAULT_SIZE + 1).boxed().toList();

    @Test
    void theFirstPageHoldsTheSizeAskedForAndCountsEveryone() {
        Page<Integer> first = MemberPaging.first(Page.DEFAULT_SIZE).of(FIFTY_ONE);
        assertThat(first.items()).hasSize(Page.DEFAULT_SIZE).startsWith(0).endsWith(49);
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(Page.DEFAULT_SIZE);
        assertThat(first.total()).isEqualTo(FIFTY_ONE.size());
    }

    @Test
    void theNextPageHoldsTheRestAndOnePastTheEndIsEmpty() {
        assertThat(new MemberPaging(1, Page.DEFAULT_SIZE).of(FIFTY_ONE).items()).containsExactly(50);
        Page<Integer> past = new MemberPaging(5, 20).of(FIFTY_ONE);
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).isEqualTo(FIFTY_ONE.size());
        assertThat(new MemberPaging(3, 20).offset()).isEqualTo(60);
    }
}
