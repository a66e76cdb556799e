package dev.ladder.profile.organisation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** PUT /api/profiles/people/{id}/track: move a person to another track (their manager, deputy or an admin). */
public record TrackMoveRequest(@NotBlank @Size(max = 100) String trackId) {
}
