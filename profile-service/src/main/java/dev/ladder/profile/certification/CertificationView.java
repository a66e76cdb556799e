package dev.ladder.profile.certification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A certification claim as the API returns it.
 *
 * @param reason                   why it was rejected (REJECTED) or withdrawn (WITHDRAWN, if the employee said)
 * @param decidedBy                employee id of whoever verified, rejected or withdrew it
 * @param version                  the ETag is this in quotes; edits send it in If-Match
 * @param evidence                 the uploaded file's metadata, or null
 * @param countsBeforeVerification the employee's track's policy: does a pending claim already count
 */
public record CertificationView(
        UUID id,
        String employeeId,
        String certificationId,
        String certificationName,
        String credentialId,
        String issuer,
        LocalDate issuedOn,
        LocalDate expiresOn,
        Instant recordedAt,
        ClaimState state,
        String reason,
        String decidedBy,
        Instant decidedAt,
        int version,
        Instant updatedAt,
        String verificationUrl,
        EvidenceFile evidence,
        Boolean countsBeforeVerification) {

    /** Metadata of an evidence file; the content is at {@code downloadPath}. */
    public record EvidenceFile(String filename, String contentType, long size, String sha256, Instant uploadedAt,
                               String downloadPath) {
    }

    CertificationView withPolicy(boolean counts) {
        return new CertificationView(id, employeeId, certificationId, certificationName, credentialId, issuer,
                issuedOn, expiresOn, recordedAt, state, reason, decidedBy, decidedAt, version, updatedAt,
                verificationUrl, evidence, counts);
    }
}
