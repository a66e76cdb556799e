package dev.ladder.contracts.profile;

import dev.ladder.contracts.LadderEvent;
import dev.ladder.contracts.Require;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The current state of an employee: who they are, which team, who manages it, which track and region.
 * <p>
 * {@code employeeId} is Ladder's id of the person. {@code subject} is the Keycloak subject ({@code sub}) of the
 * account they sign in with: consumers find the caller's employee by it. It is null for a person provisioned by HR
 * who has not signed in yet; events written before it existed carry none, and there the employee id is the subject.
 * {@code active} false means retired: history stays, dashboards leave them out (absent = active).
 */
public record EmployeeUpdated(
        String employeeId,
        String displayName,
        String email,
        String teamId,
        String teamName,
        String managerId,
        String trackId,
        String region,
        LocalDate startDate,
        Instant updatedAt,
        String subject,
        String jobTitle,
        String deputyManagerId,
        Boolean active) implements LadderEvent {

    /** The shape before subject, job title, deputy and retirement were added. */
    public EmployeeUpdated(String employeeId, String displayName, String email, String teamId, String teamName,
                           String managerId, String trackId, String region, LocalDate startDate, Instant updatedAt) {
        this(employeeId, displayName, email, teamId, teamName, managerId, trackId, region, startDate, updatedAt, null,
                null, null, null);
    }

    /** The subject consumers match a caller's token against. */
    public String signInSubject() {
        return subject != null ? subject : employeeId;
    }

    /** True only when the person was retired ({@code active} false). */
    public boolean retired() {
        return Boolean.FALSE.equals(active);
    }

    public EmployeeUpdated {
        Require.text(employeeId, "employeeId");
        Require.text(displayName, "displayName");
        Require.present(updatedAt, "updatedAt");
    }
}
