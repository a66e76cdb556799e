package dev.ladder.gateway.ratelimit;

import java.time.Duration;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One Bucket4j token bucket per caller, in this gateway's memory. Each decision is constant work: one cache lookup
 * and one lock-free take from the bucket.
 *
 * <p>Bounded: a bucket nobody has used for as long as the largest bucket takes to fill up again is forgotten (a new
 * one starts full, so forgetting it changes nothing), and at most {@code maxCallers} are kept, the least recently
 * used going first (a flood of new callers can only reset others' buckets, never grow the heap).
 *
 * <p>Per instance: with several gateway instances behind a load balancer each keeps its own buckets, so a caller
 * gets up to the limit at each. Issue 14 moves the gateway's shared state to Redis; then these buckets move there too
 * (Bucket4j's Redis proxy manager, or Spring Cloud Gateway's {@code RedisRateLimiter}).
 */
final class WriteBuckets {

    /** The answer for one write: allowed, or refused with how long until a token is there. */
    record Decision(boolean allowed, Duration retryAfter) {
    }

    private final Cache<String, Bucket> buckets;

    WriteBuckets(RateLimitProperties properties) {
        Duration idle = Stream.of(properties.writes(), properties.provisioning(), properties.anonymous())
                .map(RateLimitProperties.Limit::timeToFill).max(Duration::compareTo).orElseThrow();
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxCallers())
                .expireAfterAccess(idle)
                .build();
    }

    Decision take(String caller, RateLimitProperties.Limit limit) {
        Bucket bucket = buckets.get(caller, key -> newBucket(limit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** For tests: how many buckets are held once pending evictions are done. */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static Bucket newBucket(RateLimitProperties.Limit limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.burst())
                        .refillGreedy(limit.perMinute(), Duration.ofMinutes(1))
                        .build())
                .build();
    }
}
