package dev.ladder.notification.people;

import java.time.Instant;

/**
 * This service's copy of a person, from {@code EmployeeUpdated}: enough to find a caller by their sign-in subject, to
 * address a claimant's manager and deputy and to write names into notifications.
 */
public record Person(String employeeId, String subject, String displayName, String email, String teamId,
                     String managerId, String deputyId, boolean active, Instant updatedAt) {
}
