package dev.ladder.contracts.progress;

import dev.ladder.contracts.LadderEvent;
import dev.ladder.contracts.Require;

import java.time.Instant;

/**
 * Something worth announcing happened to an employee's progression. {@code milestoneId} is deterministic (derived
 * from employee, kind, level and threshold), so a replay never announces the same milestone twice.
 */
public record MilestoneReached(
        String milestoneId,
        String employeeId,
        MilestoneKind kind,
        String trackId,
        String levelId,
        String levelName,
        int readinessPercent,
        Integer threshold,
        String message,
        Instant occurredAt) implements LadderEvent {

    public MilestoneReached {
        Require.text(milestoneId, "milestoneId");
        Require.text(employeeId, "employeeId");
        Require.present(kind, "kind");
        Require.text(trackId, "trackId");
        Require.text(levelId, "levelId");
        Require.range(readinessPercent, 0, 100, "readinessPercent");
        Require.text(message, "message");
        Require.present(occurredAt, "occurredAt");
    }

    /** Kinds are declared up front so consumers are not surprised by a new value within v1. */
    public enum MilestoneKind {
        LEVEL_ADVANCED,
        READINESS_THRESHOLD_CROSSED,
        CERTIFICATION_EXPIRING,
        CERTIFICATION_EXPIRED
    }
}
