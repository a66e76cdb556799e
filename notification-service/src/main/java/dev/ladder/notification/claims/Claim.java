package dev.ladder.notification.claims;

import java.time.Instant;

/**
 * What notifying needs to know of one self-declared certification claim.
 *
 * @param recordedAt the newest recording's {@code recordedAt}; null while only a decision is known
 * @param openedBy   the {@code ce_id} of the recording that opened the current PENDING round: the notifications of
 *                   that round are named after it
 * @param announced  whether the current PENDING round was handed to the manager and deputy (or is too old to be)
 */
record Claim(String employeeId, String achievementId, String certificationId, State state, Instant recordedAt,
             String openedBy, Instant decidedAt, boolean announced) {

    enum State { PENDING, VERIFIED, REJECTED, WITHDRAWN }

    Claim announcedNow() {
        return new Claim(employeeId, achievementId, certificationId, state, recordedAt, openedBy, decidedAt, true);
    }
}
