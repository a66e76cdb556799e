package dev.ladder.gateway.ratelimit;


import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-caller limits on writes ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) through the gateway, as token
 * buckets: a caller may send {@code burst} writes at once, then {@code perMinute} more each minute (refilled
 * continuously). The defaults are far above what a person does in the portal — a manager working through a
 * verification queue, an admin editing a track — and stop a script that hammers writes.
 *
 * @param enabled      off only for a deliberate reason (a load test)
 * @param writes       every signed-in caller's writes on {@code /api/**}, keyed by who they are
 * @param provisioning the HR system's SCIM writes on {@code /scim/**}: provisioning a thousand people at once is normal
 *                     for it, so its own, larger bucket
 * @param anonymous    the writes security lets through without a caller (one-click unsubscribe, RFC 8058: mail
 *                     providers post it for many people from a few addresses), keyed by client address
 */
@ConfigurationProperties("ladder.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        Limit writes,
        Limit provisioning,
        Limit anonymous) {

    public RateLimitProperties {
        writes = writes != null ? writes : new Limit(60, 60);
        provisioning = provisioning != null ? provisioning : new Limit(1000, 1200);
        anonymous = anonymous != null ? anonymous : new Limit(300, 300);
    }

    /** A token bucket: {@code burst} tokens at most, {@code perMinute} added each minute. */
    public record Limit(int burst, int perMinute) {

        public Limit {
            if (burst < 1 || perMinute < 1) {
                throw new IllegalArgumentException("a rate limit's burst and per-minute must be at least 1");
            }
        }
    }
}
