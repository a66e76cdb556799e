package dev.ladder.contracts.profile;

import dev.ladder.contracts.LadderEvent;
import dev.ladder.contracts.Require;

import java.time.Instant;
import java.time.LocalDate;

/** The current state of an employee: who they are, which team, who manages it, which track and region. */
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
        Instant updatedAt) implements LadderEvent {

    public EmployeeUpdated {
        Require.text(employeeId, "employeeId");
        Require.text(displayName, "displayName");
        Require.present(updatedAt, "updatedAt");
    }
}
