package dev.ladder.contracts.achievements;

import dev.ladder.contracts.Require;

import java.time.Instant;
import java.time.LocalDate;

/** The issuer withdrew a certification: it stops counting from {@code effectiveOn}. */
public record CertificationRevoked(
        String achievementId,
        String employeeId,
        String certificationId,
        String reason,
        LocalDate effectiveOn,
        Instant revokedAt) implements AchievementEvent {

    public CertificationRevoked {
        Require.text(achievementId, "achievementId");
        Require.text(employeeId, "employeeId");
        Require.text(certificationId, "certificationId");
        Require.present(effectiveOn, "effectiveOn");
        Require.present(revokedAt, "revokedAt");
    }
}
