package dev.ladder.profile.certification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** PUT …/evidence as JSON: where the issuer shows the credential. Stored, never fetched. */
public record VerificationUrlRequest(
        @NotBlank @Size(max = 2000) @Pattern(regexp = "https://[^\\s]+", message = "must be an https URL")
        String verificationUrl) {
}
