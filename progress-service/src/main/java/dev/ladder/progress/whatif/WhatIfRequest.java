package dev.ladder.progress.whatif;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/**
 * Hypothetical achievements on top of what is recorded. {@code experienceYears}: extra years of prior experience
 * (before the start date).
 * <p>
 * Each list holds at most {@link #MAX_ITEMS} entries (more → 400 naming the list, nothing evaluated): every entry
 * is replayed with the employee's whole ledger, so an unbounded list is unbounded work for one request. 200 is the
 * most a track has any use for (progress-service accepts drafts of up to 200 certifications and 200 skills, see
 * impact.DraftLimits) with room to spare: the portal sends a handful.
 */
public record WhatIfRequest(@Size(max = WhatIfRequest.MAX_ITEMS) @Valid List<Certification> certifications,
                            @Size(max = WhatIfRequest.MAX_ITEMS) @Valid List<Skill> skills,
                            @Min(0) @Max(60) Integer experienceYears) {

    public static final int MAX_ITEMS = 200;

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
