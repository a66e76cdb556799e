package dev.ladder.profile.verification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A claim waiting for a decision: a pending certification claim (with its evidence) or a pending self-assessed
 * skill. {@code countsBeforeVerification}: the employee's track's policy for this kind of claim (applied by
 * progress-service, shown here).
 */
public record QueueItem(
        String kind,
        UUID id,
        String employeeId,
        String employeeName,
        Instant claimedAt,
        boolean countsBeforeVerification,
        String decidePath,
        Certification certification,
        Skill skill) {

    public record Certification(String certificationId, String certificationName, String credentialId,
                                String issuer, LocalDate issuedOn, LocalDate expiresOn, String verificationUrl,
                                Evidence evidence) {
    }

    public record Evidence(String filename, String contentType, long size, String sha256, Instant uploadedAt,
                           String downloadPath) {
    }

    public record Skill(String skillId, String skillName, int proficiency, String note, LocalDate assessedOn) {
    }
}
