package dev.ladder.contracts.achievements;

import dev.ladder.contracts.LadderEvent;
import dev.ladder.contracts.Require;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An employee holds a certification. Public contract of {@code ladder.achievements.v1}: credential issuers and
 * learning systems may publish it directly (see the README).
 */
public record CertificationRecorded(
        String achievementId,
        String employeeId,
        String certificationId,
        String credentialId,
        String issuer,
        LocalDate issuedOn,
        LocalDate expiresOn,
        Instant recordedAt) implements LadderEvent {

    public CertificationRecorded {
        Require.text(achievementId, "achievementId");
        Require.text(employeeId, "employeeId");
        Require.text(certificationId, "certificationId");
        Require.text(credentialId, "credentialId");
        Require.present(issuedOn, "issuedOn");
        Require.present(recordedAt, "recordedAt");
        if (expiresOn != null && expiresOn.isBefore(issuedOn)) {
            throw new IllegalArgumentException("expiresOn must not be before issuedOn");
        }
    }
}
