package dev.ladder.profile.experience;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A period of experience; {@code version} in quotes is its ETag. */
public record ExperienceView(UUID id, String employeeId, LocalDate startedOn, LocalDate endedOn, String description,
                             String state, int version, Instant recordedAt, Instant updatedAt) {
}
