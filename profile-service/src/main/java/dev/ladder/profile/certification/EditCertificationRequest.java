package dev.ladder.profile.certification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * PUT /api/profiles/me/certifications/{id}: the claim's details (the certification itself is not changed: withdraw
 * and record another). A null {@code expiresOn} gets the catalog's default, as on recording.
 */
public record EditCertificationRequest(
        @NotBlank @Size(max = 200) String credentialId,
        @Size(max = 200) String issuer,
        @NotNull @PastOrPresent LocalDate issuedOn,
        LocalDate expiresOn) {
}
