package dev.ladder.contracts.profile;

import dev.ladder.contracts.LadderEvent;
import dev.ladder.contracts.Require;

import java.time.Instant;

/**
 * An admin erased a person (GDPR Art. 17). Every service that holds anything about them deletes it or anonymises it
 * irreversibly, in the transaction that records this event as processed: their own rows, their events' payloads,
 * outbox and inbox rows, and every mention of them in other people's data (as manager, verifier, author). Team
 * aggregates are recomputed without them.
 * <p>
 * The event carries identifiers only — never the name or e-mail: each service reads those from its own copy before
 * deleting it, so it can scrub mentions of them elsewhere. {@code subject} is the Keycloak subject the person signed
 * in with (null if they never did). {@code erasureId} names the erasure (not the person), for its audit trail.
 * Travels on {@code ladder.profile.employees.v1}, keyed by the employee id, after every {@link EmployeeUpdated} of
 * the person; once every consumer group has read past it, profile-service deletes the topics' records up to it (see
 * the README, "Personal data").
 */
public record EmployeeErased(String erasureId, String employeeId, String subject, Instant erasedAt)
        implements LadderEvent {

    public EmployeeErased {
        Require.text(erasureId, "erasureId");
        Require.text(employeeId, "employeeId");
        Require.present(erasedAt, "erasedAt");
    }

    /** The subject consumers match stored sign-ins against (the employee id for someone who never signed in). */
    public String signInSubject() {
        return subject != null ? subject : employeeId;
    }
}
