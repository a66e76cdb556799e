package dev.ladder.contracts.achievements;

import dev.ladder.contracts.Require;

import java.time.Instant;

/**
 * A period of experience recorded earlier was withdrawn: it stops counting on every date, "as of" dates before the
 * withdrawal included. (A correction is an {@link ExperienceRecorded} with the same {@code experienceId}.)
 */
public record ExperienceWithdrawn(
        String experienceId,
        String employeeId,
        String withdrawnBy,
        Instant withdrawnAt) implements AchievementEvent {

    public ExperienceWithdrawn {
        Require.text(experienceId, "experienceId");
        Require.text(employeeId, "employeeId");
        Require.present(withdrawnAt, "withdrawnAt");
    }
}
