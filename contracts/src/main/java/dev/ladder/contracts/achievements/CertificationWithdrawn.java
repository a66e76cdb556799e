package dev.ladder.contracts.achievements;

import dev.ladder.contracts.Require;

import java.time.Instant;

/**
 * The employee (or an admin) took back a certification claim, e.g. recorded by mistake. Like a rejection, the claim
 * stops counting on every date, "as of" dates before the withdrawal included.
 */
public record CertificationWithdrawn(
        String achievementId,
        String employeeId,
        String certificationId,
        String withdrawnBy,
        String reason,
        Instant withdrawnAt) implements AchievementEvent {

    public CertificationWithdrawn {
        Require.text(achievementId, "achievementId");
        Require.text(employeeId, "employeeId");
        Require.text(certificationId, "certificationId");
        Require.present(withdrawnAt, "withdrawnAt");
    }
}
