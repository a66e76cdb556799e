package dev.ladder.contracts.achievements;

import dev.ladder.contracts.Require;

import java.time.Instant;

/** A recorded certification was not confirmed; it no longer counts towards any requirement. */
public record CertificationRejected(
        String achievementId,
        String employeeId,
        String certificationId,
        String rejectedBy,
        String reason,
        Instant rejectedAt) implements AchievementEvent {

    public CertificationRejected {
        Require.text(achievementId, "achievementId");
        Require.text(employeeId, "employeeId");
        Require.text(certificationId, "certificationId");
        Require.present(rejectedAt, "rejectedAt");
    }
}
