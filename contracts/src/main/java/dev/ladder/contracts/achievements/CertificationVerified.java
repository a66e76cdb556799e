package dev.ladder.contracts.achievements;

import dev.ladder.contracts.Require;

import java.time.Instant;

/** A manager (or an issuer's system) confirmed a recorded certification. */
public record CertificationVerified(
        String achievementId,
        String employeeId,
        String certificationId,
        String verifiedBy,
        Instant verifiedAt) implements AchievementEvent {

    public CertificationVerified {
        Require.text(achievementId, "achievementId");
        Require.text(employeeId, "employeeId");
        Require.text(certificationId, "certificationId");
        Require.present(verifiedAt, "verifiedAt");
    }
}
