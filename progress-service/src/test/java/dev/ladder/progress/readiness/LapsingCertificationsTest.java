package dev.ladder.progress.readiness;

import dev.ladder.progress.rules.HeldCertification;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the projection keeps for team dashboards: per certification held, the copy that lasts longest, if it lapses. */
class LapsingCertificationsTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @Test
    void aRenewedCertificationIsKeptOnlyByItsLongestValidCopy() {
        HeldCertification old = new HeldCertification("cissp", LocalDate.of(2023, 12, 1), LocalDate.of(2026, 12, 1));
        HeldCertification renewed = new HeldCertification("cissp", LocalDate.of(2026, 11, 1), LocalDate.of(2029, 11, 1));

        assertThat(ReadinessService.lapsing(List.of(old, renewed), DAY)).containsExactly(renewed);
        assertThat(ReadinessService.lapsing(List.of(old), DAY)).containsExactly(old);
    }

    @Test
    void certificationsThatNeverLapseOrNoLongerCountAreLeftOut() {
        HeldCertification forever = new HeldCertification("oscp", LocalDate.of(2020, 1, 1), null);
        HeldCertification lapsingCopy = new HeldCertification("oscp", LocalDate.of(2025, 1, 1), LocalDate.of(2027, 1, 1));
        HeldCertification expired = new HeldCertification("ceh", LocalDate.of(2020, 1, 1), LocalDate.of(2023, 1, 1));
        HeldCertification revoked = new HeldCertification("cism", LocalDate.of(2025, 1, 1), LocalDate.of(2028, 1, 1))
                .revokedOn(LocalDate.of(2026, 1, 1));
        HeldCertification future = new HeldCertification("cais", LocalDate.of(2027, 1, 1), LocalDate.of(2029, 1, 1));

        assertThat(ReadinessService.lapsing(List.of(forever, lapsingCopy, expired, revoked, future), DAY)).isEmpty();
    }
}
