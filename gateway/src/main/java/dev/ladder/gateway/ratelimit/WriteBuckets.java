package dev.ladder.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One Bucket4j token bucket per caller, in Redis — the store that already holds the gateway's sessions — so every
 * gateway instance counts against the same bucket: a caller gets the limit once, not once per instance. Each
 * decision is one compare-and-swap round trip to Redis (asynchronous: no event-loop thread waits).
 *
 * <p>Bounded: a bucket's key expires once the bucket would be full again (a new one starts full, so forgetting it
 * changes nothing); the key names the limit's shape too, so changing a limit starts fresh buckets instead of keeping
 * old ones.
 *
 * <p>Fails open: while Redis cannot be reached a write is let through (and the outage logged), because the limit
 * protects the services from floods, and refusing every write for as long as Redis is down would do more harm than
 * an unlimited minute. Browser writes fail without Redis anyway (no session); bearer writes go on.
 */
final class WriteBuckets {

    private static final Logger log = LoggerFactory.getLogger(WriteBuckets.class);
    private static final String PREFIX = "ladder:gateway:write-bucket:";
    /** After Redis could not be reached, how long decisions skip it before trying to connect again. */
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    /** The answer for one write: allowed, or refused with how long until a token is there. */
    record Decision(boolean allowed, Duration retryAfter) {
        static final Decision ALLOWED = new Decision(true, Duration.ZERO);
    }

    private final Supplier<AbstractRedisClient> client;
    private final AtomicLong pausedUntil = new AtomicLong();
    private volatile AsyncProxyManager<byte[]> buckets;

    /** @param client the Lettuce client of the gateway's Redis connection factory, asked for on first use */
    WriteBuckets(Supplier<AbstractRedisClient> client) {
        this.client = client;
    }

    Mono<Decision> take(String caller, RateLimitProperties.Limit limit) {
        if (System.nanoTime() < pausedUntil.get()) {
            return Mono.just(Decision.ALLOWED); // Redis was just found unreachable: do not wait for it on every write
        }
        AsyncProxyManager<byte[]> manager = buckets();
        if (manager == null) {
            return Mono.just(Decision.ALLOWED);
        }
        byte[] key = (PREFIX + limit.burst() + "-" + limit.perMinute() + ":" + caller)
                .getBytes(StandardCharsets.UTF_8);
        AsyncBucketProxy bucket = manager.builder().build(key, () -> CompletableFuture.completedFuture(
                configuration(limit)));
        return Mono.fromFuture(() -> bucket.tryConsumeAndReturnRemaining(1))
                .map(WriteBuckets::decision)
                .onErrorResume(e -> {
                    unavailable(e);
                    return Mono.just(Decision.ALLOWED);
                });
    }

    private static Decision decision(ConsumptionProbe probe) {
        return new Decision(probe.isConsumed(), Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static BucketConfiguration configuration(RateLimitProperties.Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.burst())
                        .refillGreedy(limit.perMinute(), Duration.ofMinutes(1))
                        .build())
                .build();
    }

    /** Connected on first use (the gateway starts without Redis), and again after an outage. */
    private AsyncProxyManager<byte[]> buckets() {
        AsyncProxyManager<byte[]> current = buckets;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (buckets == null) {
                try {
                    buckets = connect(client.get());
                } catch (RuntimeException e) {
                    unavailable(e);
                }
            }
            return buckets;
        }
    }

    private static AsyncProxyManager<byte[]> connect(AbstractRedisClient client) {
        var builder = client instanceof RedisClusterClient cluster
                ? Bucket4jLettuce.casBasedBuilder(cluster.connect(ByteArrayCodec.INSTANCE))
                : Bucket4jLettuce.casBasedBuilder(((RedisClient) client).connect(ByteArrayCodec.INSTANCE));
        return builder
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(1)))
                .requestTimeout(REQUEST_TIMEOUT)
                .build()
                .asAsync();
    }

    private void unavailable(Throwable e) {
        long now = System.nanoTime();
        long paused = pausedUntil.get();
        if (now >= paused && pausedUntil.compareAndSet(paused, now + RECONNECT_PAUSE.toNanos())) {
            log.warn("Write rate limits are not applied for {} s: Redis cannot be reached ({})",
                    RECONNECT_PAUSE.toSeconds(), e.toString());
        }
    }
}
