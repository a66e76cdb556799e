package dev.ladder.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.ladder.testkit.LadderInfra;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The buckets in the tests' real Redis, as two gateway instances would use them. */
class WriteBucketsTest {

    private static final RateLimitProperties.Limit TWO_A_MINUTE = new RateLimitProperties.Limit(2, 2);

    private static RedisClient redis;

    @BeforeAll
    static void connect() {
        redis = RedisClient.create(LadderInfra.redisUrl());
    }

    @AfterAll
    static void disconnect() {
        redis.shutdown();
    }

    @Test
    void aCallerGetsTheBurstThenWaitsForTheNextToken() {
        WriteBuckets buckets = new WriteBuckets(() -> redis);
        String caller = caller();

        assertThat(take(buckets, caller).allowed()).isTrue();
        assertThat(take(buckets, caller).allowed()).isTrue();
        WriteBuckets.Decision third = take(buckets, caller);

        assertThat(third.allowed()).isFalse();
        // two a minute: the next token is at most 30 s away
        assertThat(third.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(take(buckets, caller()).allowed()).as("another caller").isTrue();
    }

    @Test
    void twoGatewayInstancesCountAgainstOneBucket() {
        WriteBuckets first = new WriteBuckets(() -> redis);
        WriteBuckets second = new WriteBuckets(() -> redis);
        String caller = caller();

        assertThat(take(first, caller).allowed()).isTrue();
        assertThat(take(second, caller).allowed()).isTrue();

        assertThat(take(first, caller).allowed()).as("the burst is spent, whichever instance spent it").isFalse();
        assertThat(take(second, caller).allowed()).isFalse();
    }

    @Test
    void aBucketIsForgottenOnceItWouldBeFullAgain() {
        String caller = caller();
        take(new WriteBuckets(() -> redis), caller);

        try (StatefulRedisConnection<byte[], byte[]> connection = redis.connect(ByteArrayCodec.INSTANCE)) {
            List<byte[]> keys = connection.sync().keys(("*" + caller).getBytes(StandardCharsets.UTF_8));
            assertThat(keys).hasSize(1);
            // one token spent of two a minute: full again in 30 s; the key lives about that long, never for ever
            assertThat(connection.sync().pttl(keys.get(0))).isPositive().isLessThanOrEqualTo(32_000);
        }
    }

    @Test
    void withoutRedisWritesAreLetThroughAtOnce() {
        RedisClient nowhere = RedisClient.create("redis://127.0.0.1:9"); // port 9 (discard): nothing answers
        try {
            WriteBuckets buckets = new WriteBuckets(() -> nowhere);
            String caller = caller();
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                assertThat(take(buckets, caller).allowed()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for Redis on write %d", i)
                        .isLessThan(Duration.ofSeconds(3));
            }
        } finally {
            nowhere.shutdown();
        }
    }

    private static WriteBuckets.Decision take(WriteBuckets buckets, String caller) {
        return buckets.take(caller, TWO_A_MINUTE).block(Duration.ofSeconds(10));
    }

    private static String caller() {
        return "user:" + UUID.randomUUID();
    }
}
