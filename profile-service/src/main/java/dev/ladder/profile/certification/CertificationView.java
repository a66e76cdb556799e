package dev.ladder.profile.certification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A recorded certification as the API returns it. */
public record CertificationView(
        UUID id,
        String employeeId,
        String certificationId,
        String certificationName,
        String credentialId,
        String issuer,
        LocalDate issuedOn,
        LocalDate expiresOn,
        Instant recordedAt) {
}
