package dev.ladder.contracts.achievements;

import dev.ladder.contracts.Require;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A period of relevant experience (for example before joining): it counts towards experience requirements in
 * addition to the time since the employee's start date, overlapping periods counted once.
 */
public record ExperienceRecorded(
        String experienceId,
        String employeeId,
        LocalDate startedOn,
        LocalDate endedOn,
        String description,
        Instant recordedAt) implements AchievementEvent {

    public ExperienceRecorded {
        Require.text(experienceId, "experienceId");
        Require.text(employeeId, "employeeId");
        Require.present(startedOn, "startedOn");
        Require.present(recordedAt, "recordedAt");
        if (endedOn != null && endedOn.isBefore(startedOn)) {
            throw new IllegalArgumentException("endedOn must not be before startedOn");
        }
    }
}
