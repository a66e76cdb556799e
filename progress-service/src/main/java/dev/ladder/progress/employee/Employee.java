package dev.ladder.progress.employee;

import java.time.LocalDate;

/**
 * progress-service's copy of an employee: what the rules and the ownership checks need.
 *
 * @param subject         the sign-in subject (Keycloak {@code sub}) callers are matched by
 * @param deputyManagerId the employee id of the manager's deputy, who has the manager's read rights
 * @param active          false once retired: history stays, dashboards leave them out
 */
public record Employee(String employeeId, String displayName, String teamId, String teamName, String managerId,
                       String trackId, LocalDate startDate, String subject, String deputyManagerId, boolean active) {

    /** Whether {@code employeeId} manages this person or deputises for their manager. */
    public boolean managedOrDeputisedBy(String employeeId) {
        return employeeId != null && (employeeId.equals(managerId) || employeeId.equals(deputyManagerId));
    }
}
