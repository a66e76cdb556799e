package dev.ladder.contracts.progress;

import dev.ladder.contracts.LadderEvent;
import dev.ladder.contracts.Require;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Something worth announcing happened to an employee's progression. {@code milestoneId} is deterministic (derived
 * from employee, kind, level and threshold), so a replay never announces the same milestone twice.
 * {@code certificationId} and {@code expiresOn} name the certification of an expiry milestone (null for the others,
 * and in milestones published before they were added), so consumers can word it for someone else, e.g. a manager.
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
        Instant occurredAt,
        String certificationId,
        LocalDate expiresOn) implements LadderEvent {

    /** The shape before an expiry milestone named its certification. */
    public MilestoneReached(String milestoneId, String employeeId, MilestoneKind kind, String trackId, String levelId,
                            String levelName, int readinessPercent, Integer threshold, String message,
                            Instant occurredAt) {
        this(milestoneId, employeeId, kind, trackId, levelId, levelName, readinessPercent, threshold, message,
                occurredAt, null, null);
    }

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
