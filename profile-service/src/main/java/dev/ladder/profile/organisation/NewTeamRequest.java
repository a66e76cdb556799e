package dev.ladder.profile.organisation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** POST /api/profiles/admin/teams: id (a slug), name, optional manager and deputy (employee ids). */
public record NewTeamRequest(
        @NotBlank @Size(max = 100)
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a slug: lower-case letters, digits, dashes")
        String id,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 255) String managerId,
        @Size(max = 255) String deputyId) {

    TeamRequest attributes() {
        return new TeamRequest(name, managerId, deputyId);
    }
}
