package dev.ladder.profile.certification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * POST /api/profiles/me/certifications. Shape rules live here (400); whether the certification exists and whether
 * the dates make sense together are checked by {@link CertificationService} (422).
 */
public record RecordCertificationRequest(
        @NotBlank @Size(max = 100) String certificationId,
        @NotBlank @Size(max = 200) String credentialId,
        @Size(max = 200) String issuer,
        @NotNull @PastOrPresent LocalDate issuedOn,
        LocalDate expiresOn) {
}
