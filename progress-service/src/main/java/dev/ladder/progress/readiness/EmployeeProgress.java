package dev.ladder.progress.readiness;

import dev.ladder.progress.rules.GroupResult;

import java.time.Instant;
import java.util.List;

/**
 * Where an employee stands: their level, the next one (null at the top of the track) and how ready they are for it,
 * group by group; {@code atRisk} when the level they hold is no longer fully met (and the catalog does not demote).
 */
public record EmployeeProgress(String employeeId, String trackId, int catalogVersion, LevelRef currentLevel,
                               LevelRef nextLevel, int readinessPercent, List<GroupResult> groups,
                               Instant updatedAt, boolean atRisk) {

    public EmployeeProgress {
        groups = List.copyOf(groups);
    }

    public EmployeeProgress(String employeeId, String trackId, int catalogVersion, LevelRef currentLevel,
                            LevelRef nextLevel, int readinessPercent, List<GroupResult> groups, Instant updatedAt) {
        this(employeeId, trackId, catalogVersion, currentLevel, nextLevel, readinessPercent, groups, updatedAt,
                false);
    }
}
