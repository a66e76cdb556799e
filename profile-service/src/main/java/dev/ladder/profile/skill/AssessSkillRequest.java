package dev.ladder.profile.skill;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** POST /api/profiles/me/skills and /{employeeId}/skills. Unknown skills are the service's 422. */
public record AssessSkillRequest(
        @NotBlank @Size(max = 100) String skillId,
        @NotNull @Min(1) @Max(5) Integer proficiency,
        @Size(max = 1000) String note) {
}
