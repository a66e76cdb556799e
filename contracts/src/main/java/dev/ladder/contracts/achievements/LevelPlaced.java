package dev.ladder.contracts.achievements;

import dev.ladder.contracts.Require;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person joins with a history: an admin or the HR feed places them at a level of a track from
 * {@code effectiveOn} on, for a reason. Progress starts from that level (never below it from then on) and measures
 * readiness for the next one. A later placement of the same person replaces it from its own effective date.
 */
public record LevelPlaced(
        String placementId,
        String employeeId,
        String trackId,
        String levelId,
        LocalDate effectiveOn,
        String reason,
        String placedBy,
        Instant placedAt) implements AchievementEvent {

    public LevelPlaced {
        Require.text(placementId, "placementId");
        Require.text(employeeId, "employeeId");
        Require.text(trackId, "trackId");
        Require.text(levelId, "levelId");
        Require.present(effectiveOn, "effectiveOn");
        Require.text(reason, "reason");
        Require.present(placedAt, "placedAt");
    }
}
