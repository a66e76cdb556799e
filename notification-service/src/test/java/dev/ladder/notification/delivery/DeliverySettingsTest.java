package dev.ladder.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class DeliverySettingsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration WINDOW = Duration.ofSeconds(30);
    /** Quiet from 22:00 to 07:00 Berlin time, digests at 08:00, weekly on Mondays. */
    private static final DeliverySettings NIGHTS = new DeliverySettings(BERLIN, 8, DayOfWeek.MONDAY,
            LocalTime.of(22, 0), LocalTime.of(7, 0));

    @Test
    void nowIsTheGroupingWindowOutsideQuietHours() {
        Instant noon = Instant.parse("2026-11-30T11:00:00Z"); // 12:00 in Berlin
        assertThat(NIGHTS.due(Grouping.NOW, false, noon, WINDOW)).isEqualTo(noon.plus(WINDOW));
    }

    @Test
    void quietHoursDeferToTheirEndAcrossMidnightButNotCriticalNews() {
        Instant lateEvening = Instant.parse("2026-11-30T22:30:00Z"); // 23:30 in Berlin
        Instant sevenNextMorning = Instant.parse("2026-12-01T06:00:00Z"); // 07:00 in Berlin
        assertThat(NIGHTS.due(Grouping.NOW, false, lateEvening, WINDOW)).isEqualTo(sevenNextMorning);
        assertThat(NIGHTS.due(Grouping.NOW, true, lateEvening, WINDOW)).isEqualTo(lateEvening.plus(WINDOW));

        Instant earlyMorning = Instant.parse("2026-12-01T02:00:00Z"); // 03:00 in Berlin: same morning's 07:00
        assertThat(NIGHTS.due(Grouping.NOW, false, earlyMorning, WINDOW)).isEqualTo(sevenNextMorning);
    }

    @Test
    void quietHoursWithinOneDay() {
        DeliverySettings lunch = new DeliverySettings(ZoneId.of("UTC"), 8, DayOfWeek.MONDAY, LocalTime.of(12, 0),
                LocalTime.of(13, 30));
        assertThat(lunch.afterQuietHours(Instant.parse("2026-11-30T12:10:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T13:30:00Z"));
        assertThat(lunch.afterQuietHours(Instant.parse("2026-11-30T13:30:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T13:30:00Z"));
        assertThat(lunch.afterQuietHours(Instant.parse("2026-11-30T11:59:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T11:59:00Z"));
    }

    @Test
    void dailyDigestIsTheNextDigestHourInThePersonsZone() {
        Instant before = Instant.parse("2026-11-30T06:00:00Z"); // 07:00 Berlin
        Instant after = Instant.parse("2026-11-30T07:00:00Z"); // 08:00 Berlin: exactly the hour goes to tomorrow
        assertThat(NIGHTS.due(Grouping.DAILY, false, before, WINDOW)).isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
        assertThat(NIGHTS.due(Grouping.DAILY, false, after, WINDOW)).isEqualTo(Instant.parse("2026-12-01T07:00:00Z"));
    }

    @Test
    void weeklyDigestIsTheNextDigestDayAtTheHour() {
        Instant mondayMorning = Instant.parse("2026-11-30T06:00:00Z"); // Monday 07:00 Berlin
        Instant mondayNoon = Instant.parse("2026-11-30T11:00:00Z");
        assertThat(NIGHTS.due(Grouping.WEEKLY, false, mondayMorning, WINDOW))
                .isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
        assertThat(NIGHTS.due(Grouping.WEEKLY, false, mondayNoon, WINDOW))
                .isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
    }

    @Test
    void digestHourFollowsDaylightSavingTime() {
        // Berlin moves from UTC+1 to UTC+2 on 2027-03-28: 08:00 local is 07:00Z before and 06:00Z after
        Instant saturday = Instant.parse("2027-03-27T12:00:00Z");
        assertThat(NIGHTS.due(Grouping.DAILY, false, saturday, WINDOW)).isEqualTo(Instant.parse("2027-03-28T06:00:00Z"));
    }

    @Test
    void noQuietHoursLeavesEverythingAlone() {
        DeliverySettings none = DeliverySettings.defaults(ZoneId.of("UTC"));
        Instant at = Instant.parse("2026-11-30T23:00:00Z");
        assertThat(none.hasQuietHours()).isFalse();
        assertThat(none.afterQuietHours(at)).isEqualTo(at);
    }
}
