package dev.ladder.profile.organisation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** PUT /api/profiles/admin/teams/{id}: the whole team (rename, set or clear manager and deputy, employee ids). */
public record TeamRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 255) String managerId,
        @Size(max = 255) String deputyId) {
}
