package dev.ladder.profile.placement;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** POST /api/profiles/admin/people/{id}/placements: place the person at a level of a track, for a reason. */
public record PlacementRequest(
        @NotBlank @Size(max = 100) String trackId,
        @NotBlank @Size(max = 100) String levelId,
        @NotNull @PastOrPresent LocalDate effectiveOn,
        @NotBlank @Size(max = 500) String reason) {
}
