package dev.ladder.profile.employee;

import java.time.Instant;
import java.time.LocalDate;

/** An employee with their team as currently stored; {@code teamName}/{@code managerId} come from the team. */
public record Employee(
        String id,
        String displayName,
        String email,
        String teamId,
        String teamName,
        String managerId,
        String trackId,
        String region,
        LocalDate startDate,
        Instant updatedAt) {
}
