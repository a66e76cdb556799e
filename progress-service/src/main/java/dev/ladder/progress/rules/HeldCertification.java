package dev.ladder.progress.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A certification an employee was recorded to hold, with its validity window.
 *
 * @param revokedOn the day the issuer's revocation takes effect ({@code null} if never revoked)
 */
public record HeldCertification(String certificationId, LocalDate issuedOn, LocalDate expiresOn, LocalDate revokedOn) {

    public HeldCertification {
        Objects.requireNonNull(certificationId, "certificationId");
        Objects.requireNonNull(issuedOn, "issuedOn");
    }

    public HeldCertification(String certificationId, LocalDate issuedOn, LocalDate expiresOn) {
        this(certificationId, issuedOn, expiresOn, null);
    }

    /**
     * Level rules v1: counts on D when issuedOn ≤ D and (no expiry or D is before the expiry date); a revocation
     * ends it like an expiry would.
     */
    public boolean validOn(LocalDate date) {
        return validOn(issuedOn, expiresOn, revokedOn, date);
    }

    /** {@link #validOn(LocalDate)} of a certification not built yet (a replay checks every day without building). */
    public static boolean validOn(LocalDate issuedOn, LocalDate expiresOn, LocalDate revokedOn, LocalDate date) {
        return !issuedOn.isAfter(date) && (expiresOn == null || date.isBefore(expiresOn))
                && (revokedOn == null || date.isBefore(revokedOn));
    }

    /** The first day it no longer counts (the earlier of expiry and revocation), {@code null} if never. */
    public LocalDate lapsesOn() {
        if (expiresOn == null) {
            return revokedOn;
        }
        return revokedOn == null || expiresOn.isBefore(revokedOn) ? expiresOn : revokedOn;
    }

    public HeldCertification revokedOn(LocalDate date) {
        return new HeldCertification(certificationId, issuedOn, expiresOn,
                revokedOn == null || date.isBefore(revokedOn) ? date : revokedOn);
    }
}
