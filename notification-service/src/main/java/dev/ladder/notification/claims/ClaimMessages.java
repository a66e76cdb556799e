package dev.ladder.notification.claims;

import dev.ladder.notification.delivery.Notification;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The words and links of claim notifications. Ids are deterministic — kind, the event's {@code ce_id} (or, for a
 * self-assessment, skill and day) and the recipient — so a redelivered event is the same notification.
 */
final class ClaimMessages {

    static final String CLAIM_PENDING = "CLAIM_PENDING";
    static final String CLAIM_VERIFIED = "CLAIM_VERIFIED";
    static final String CLAIM_REJECTED = "CLAIM_REJECTED";
    static final String SKILL_SELF_ASSESSED = "SKILL_SELF_ASSESSED";

    /** The verification queue of a manager or deputy. */
    static final String VERIFICATION_LINK = "#/verification";
    /** The employee's own certifications and claims. */
    static final String CERTIFICATIONS_LINK = "#/certifications";

    /** To the claimant's manager or deputy: a claim waits for them. */
    static Notification pending(String eventId, String recipient, String claimant, String certification,
                                Instant at) {
        String title = claimant + " claims " + certification;
        return new Notification(id(CLAIM_PENDING, eventId, recipient), recipient, CLAIM_PENDING, title,
                title + " — waiting for your verification", at, VERIFICATION_LINK);
    }

    /** To the claimant's team chat: the same news, once for the team (its key names no recipient). */
    static Notification pendingForTeam(String eventId, String claimant, String certification, Instant at) {
        String title = claimant + " claims " + certification;
        return new Notification(CLAIM_PENDING + ":" + eventId, null, CLAIM_PENDING, title,
                title + " — waiting for verification by their manager", at, VERIFICATION_LINK);
    }

    /** To the employee: their claim was verified ({@code by} null: whoever it was is not known here). */
    static Notification verified(String eventId, String employeeId, String certification, String by, Instant at) {
        return new Notification(id(CLAIM_VERIFIED, eventId, employeeId), employeeId, CLAIM_VERIFIED,
                certification + " verified", "Your " + certification + " was verified" + by(by), at,
                CERTIFICATIONS_LINK);
    }

    /** To the employee: their claim was rejected, with the reason when one was given. */
    static Notification rejected(String eventId, String employeeId, String certification, String by, String reason,
                                 Instant at) {
        String because = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
        return new Notification(id(CLAIM_REJECTED, eventId, employeeId), employeeId, CLAIM_REJECTED,
                certification + " rejected", "Your " + certification + " was rejected" + by(by) + because, at,
                CERTIFICATIONS_LINK);
    }

    /** To the employee's manager or deputy: at most one per skill, day and recipient, however often it changes. */
    static Notification selfAssessed(String employeeId, String skillId, LocalDate on, String recipient,
                                     String employee, String skill, int proficiency, Instant at) {
        return new Notification(id(SKILL_SELF_ASSESSED, employeeId + ":" + skillId + ":" + on, recipient),
                recipient, SKILL_SELF_ASSESSED, employee + " self-assessed " + skill,
                employee + " self-assessed " + skill + " at " + proficiency + " — waiting for your confirmation",
                at, VERIFICATION_LINK);
    }

    private static String by(String name) {
        return name == null || name.isBlank() ? "" : " by " + name;
    }

    private static String id(String kind, String of, String recipient) {
        return kind + ":" + of + ":" + recipient;
    }

    private ClaimMessages() {
    }
}
