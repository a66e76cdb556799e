package dev.ladder.progress.rules;

import java.time.LocalDate;
import java.util.Objects;

/** A certification an employee was recorded to hold, with its validity window. */
public record HeldCertification(String certificationId, LocalDate issuedOn, LocalDate expiresOn) {

    public HeldCertification {
        Objects.requireNonNull(certificationId, "certificationId");
        Objects.requireNonNull(issuedOn, "issuedOn");
    }

    /** Level rules v1: counts on D when issuedOn ≤ D and (no expiry or D is before the expiry date). */
    public boolean validOn(LocalDate date) {
        return !issuedOn.isAfter(date) && (expiresOn == null || date.isBefore(expiresOn));
    }
}
