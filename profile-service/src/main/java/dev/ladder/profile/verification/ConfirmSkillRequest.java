package dev.ladder.profile.verification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The proficiency the manager confirms; null (or no body) = the self-assessed one. */
public record ConfirmSkillRequest(@Min(1) @Max(5) Integer proficiency) {
}
