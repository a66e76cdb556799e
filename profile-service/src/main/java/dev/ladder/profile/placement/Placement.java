package dev.ladder.profile.placement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A person placed at a level of a track from {@code effectiveOn} on; announced as LevelPlaced. */
public record Placement(UUID id, String employeeId, String trackId, String levelId, String levelName,
                        LocalDate effectiveOn, String reason, String placedBy, Instant placedAt) {
}
