package dev.ladder.notification.delivery;


import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When a person's e-mail may go out: digests at {@code digestHour} (daily, or weekly on {@code digestDay}) in their
 * time zone, and nothing but critical news during quiet hours (deferred to their end, never dropped). Quiet hours
 * may wrap midnight (22:00 → 07:00); both null means none.
 */
public record DeliverySettings(ZoneId zone, int digestHour, DayOfWeek digestDay, LocalTime quietFrom,
                               LocalTime quietUntil) {

    public static final int DEFAULT_DIGEST_HOUR = 8;
    public static final DayOfWeek DEFAULT_DIGEST_DAY = DayOfWeek.MONDAY;

    public static DeliverySettings defaults(ZoneId zone) {
        return new DeliverySettings(zone, DEFAULT_DIGEST_HOUR, DEFAULT_DIGEST_DAY, null, null);
    }

    public boolean hasQuietHours() {
        return quietFrom != null && quietUntil != null && !quietFrom.equals(quietUntil);
    }

    /**
     * When a message of this grouping, first queued at {@code now}, is due.
     *
     * @param window how long a "now" message waits for the rest of its burst
     */
    public Instant due(Grouping grouping, boolean critical, Instant now, Duration window) {
        return switch (grouping) {
            case NOW -> critical ? now.plus(window) : afterQuietHours(now.plus(window));
            case CRITICAL -> now.plus(window);
            case DAILY -> nextDigest(now, false);
            case WEEKLY -> nextDigest(now, true);
        };
    }

    /** {@code at}, or the end of the quiet hours {@code at} falls in. */
    public Instant afterQuietHours(Instant at) {
        if (!hasQuietHours()) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean wraps = quietFrom.isAfter(quietUntil);
        boolean quiet = wraps
                ? !time.isBefore(quietFrom) || time.isBefore(quietUntil)
                : !time.isBefore(quietFrom) && time.isBefore(quietUntil);
        if (!quiet) {
            return at;
        }
        LocalDate endDay = wraps && !time.isBefore(quietFrom) ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        // atZone resolves a local time in a DST gap to a valid instant
        return endDay.atTime(quietUntil).atZone(zone).toInstant();
    }

    private Instant nextDigest(Instant now, boolean weekly) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = local.toLocalDate().atTime(digestHour, 0).atZone(zone);
        if (weekly) {
            candidate = candidate.with(TemporalAdjusters.nextOrSame(digestDay));
        }
        if (!candidate.toInstant().isAfter(now)) {
            candidate = weekly ? candidate.plusWeeks(1) : candidate.plusDays(1);
            candidate = candidate.toLocalDate().atTime(digestHour, 0).atZone(zone);
        }
        return candidate.toInstant();
    }
}
