package dev.ladder.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class WriteBucketsTest {

    private static final RateLimitProperties.Limit TWO_A_MINUTE = new RateLimitProperties.Limit(2, 2);

    @Test
    void aCallerGetsTheBurstThenWaitsForTheNextToken() {
        WriteBuckets buckets = new WriteBuckets(new RateLimitProperties(true, TWO_A_MINUTE, null, null, 10));

        assertThat(buckets.take("a", TWO_A_MINUTE).allowed()).isTrue();
        assertThat(buckets.take("a", TWO_A_MINUTE).allowed()).isTrue();
        WriteBuckets.Decision third = buckets.take("a", TWO_A_MINUTE);

        assertThat(third.allowed()).isFalse();
        // two a minute: the next token is at most 30 s away
        assertThat(third.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(buckets.take("b", TWO_A_MINUTE).allowed()).as("another caller").isTrue();
    }

    @Test
    void memoryIsBoundedHoweverManyCallersWrite() {
        WriteBuckets buckets = new WriteBuckets(new RateLimitProperties(true, TWO_A_MINUTE, null, null, 50));

        for (int i = 0; i < 5_000; i++) {
            buckets.take("caller-" + i, TWO_A_MINUTE);
        }

        assertThat(buckets.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void anIdleBucketIsForgottenOnlyOnceItWouldBeFullAgain() {
        assertThat(new RateLimitProperties.Limit(60, 60).timeToFill()).isEqualTo(Duration.ofMinutes(1));
        assertThat(new RateLimitProperties.Limit(1000, 1200).timeToFill()).isEqualTo(Duration.ofSeconds(50));
        assertThat(new RateLimitProperties.Limit(3, 20).timeToFill()).isEqualTo(Duration.ofSeconds(9));
    }
}
