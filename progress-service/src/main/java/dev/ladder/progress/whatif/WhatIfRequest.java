package dev.ladder.progress.whatif;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.LocalDate;
import java.util.List;

/**
 * Hypothetical achievements on top of what is recorded. {@code experienceYears}: extra years of prior experience
 * (before the start date).
 */
public record WhatIfRequest(@Valid List<Certification> certifications, @Valid List<Skill> skills,
                            @Min(0) @Max(60) Integer experienceYears) {

    public WhatIfRequest {
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        skills = skills == null ? List.of() : List.copyOf(skills);
    }

    /** {@code issuedOn} defaults to today; no {@code expiresOn} means it never expires. */
    public record Certification(@NotBlank String certificationId, LocalDate issuedOn, LocalDate expiresOn) {
    }

    public record Skill(@NotBlank String skillId, @Min(1) @Max(5) int proficiency) {
    }
}
