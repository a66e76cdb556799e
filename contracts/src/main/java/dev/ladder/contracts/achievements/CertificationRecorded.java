package dev.ladder.contracts.achievements;

import dev.ladder.contracts.Require;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An employee holds a certification. Public contract of {@code ladder.achievements.v1}: credential issuers and
 * learning systems may publish it directly (see the README).
 * <p>
 * The same {@code achievementId} again is a correction: the newest {@code recordedAt} wins. {@code source} says who
 * claims it: {@link Source#SELF} (the employee, subject to the track's verification policy), {@link Source#ISSUER}
 * or absent (an outside system: counts as recorded, as before the field existed).
 */
public record CertificationRecorded(
        String achievementId,
        String employeeId,
        String certificationId,
        String credentialId,
        String issuer,
        LocalDate issuedOn,
        LocalDate expiresOn,
        Instant recordedAt,
        Source source) implements AchievementEvent {

    public enum Source { SELF, ISSUER }

    /** The shape before {@code source}: an outside system's record. */
    public CertificationRecorded(String achievementId, String employeeId, String certificationId,
                                 String credentialId, String issuer, LocalDate issuedOn, LocalDate expiresOn,
                                 Instant recordedAt) {
        this(achievementId, employeeId, certificationId, credentialId, issuer, issuedOn, expiresOn, recordedAt, null);
    }

    /** Claimed by the employee themselves, so the track's verification policy applies. */
    public boolean selfDeclared() {
        return source == Source.SELF;
    }

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
