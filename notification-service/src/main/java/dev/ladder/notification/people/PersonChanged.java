package dev.ladder.notification.people;

/**
 * Published (synchronously, inside the transaction that applied it) when a person's copy changed, so features that
 * waited for this person — a claim that arrived before its claimant's {@code EmployeeUpdated} — can act now, under
 * the same per-person lock ({@link People#lock}).
 */
public record PersonChanged(Person person) {
}
