package dev.ladder.profile.employee;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An employee with their team as currently stored; {@code teamName}/{@code managerId}/{@code deputyManagerId} come
 * from the team.
 *
 * @param id             Ladder's id of the person (a UUID for provisioned people; the Keycloak subject for people
 *                       who registered themselves on first sign-in, and for the demo people)
 * @param subject        the Keycloak subject of the account they sign in with; null until they first sign in
 * @param needsPlacement signed in without being provisioned: an admin has to give them a team
 * @param active         false = retired (history kept)
 * @param version        optimistic-locking version, the {@code ETag} of the person
 */
public record Employee(
        String id,
        String subject,
        String username,
        String externalId,
        String displayName,
        String email,
        String teamId,
        String teamName,
        String managerId,
        String deputyManagerId,
        String trackId,
        String region,
        LocalDate startDate,
        String jobTitle,
        boolean needsPlacement,
        boolean active,
        long version,
        Instant updatedAt) {

    /** Whether {@code employeeId} leads this person's team, as manager or as deputy. */
    public boolean reportsTo(String employeeId) {
        return employeeId != null && (employeeId.equals(managerId) || employeeId.equals(deputyManagerId));
    }
}
