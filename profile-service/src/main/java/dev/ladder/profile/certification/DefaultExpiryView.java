package dev.ladder.profile.certification;

import java.time.LocalDate;

/** What expiry a claim gets when none is typed: issuedOn + renewalMonths, or none when the catalog has no period. */
public record DefaultExpiryView(String certificationId, LocalDate issuedOn, Integer renewalMonths,
                                LocalDate expiresOn) {
}
