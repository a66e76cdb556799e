package dev.ladder.progress.readiness;

import dev.ladder.progress.rules.GroupResult;

import java.time.Instant;
import java.util.List;

/**
 * Where an employee stands: their level, the next one (null at the top of the track) and how ready they are for it,
 * group by group.
 */
public record EmployeeProgress(String employeeId, String trackId, int catalogVersion, LevelRef currentLevel,
                               LevelRef nextLevel, int readinessPercent, List<GroupResult> groups,
                               Instant updatedAt) {

    public EmployeeProgress {
        groups = List.copyOf(groups);
    }
}
