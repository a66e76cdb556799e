package dev.ladder.contracts.achievements;

import dev.ladder.contracts.Require;

import java.time.Instant;
import java.time.LocalDate;

/** A skill's proficiency (1-5) for an employee, as of {@code assessedOn}, from a self, manager or formal assessment. */
public record SkillAssessed(
        String assessmentId,
        String employeeId,
        String skillId,
        int proficiency,
        Source source,
        String assessedBy,
        LocalDate assessedOn,
        Instant recordedAt) implements AchievementEvent {

    public SkillAssessed {
        Require.text(assessmentId, "assessmentId");
        Require.text(employeeId, "employeeId");
        Require.text(skillId, "skillId");
        Require.range(proficiency, 1, 5, "proficiency");
        Require.present(source, "source");
        Require.present(assessedOn, "assessedOn");
        Require.present(recordedAt, "recordedAt");
    }

    public enum Source { SELF, MANAGER, ASSESSMENT }
}
