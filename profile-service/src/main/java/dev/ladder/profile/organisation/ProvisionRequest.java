package dev.ladder.profile.organisation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * POST /api/profiles/admin/people (admin, or the HR feed): a person who has not signed in yet. They are linked on
 * first sign-in by {@code username} (the Keycloak username), else by verified {@code email}. {@code trackId} absent
 * = the default track.
 */
public record ProvisionRequest(
        @NotBlank @Size(max = 255) @Pattern(regexp = "\\S+", message = "must not contain blanks") String username,
        @Size(max = 255) String externalId,
        @NotBlank @Size(max = 200) String displayName,
        @Email @Size(max = 320) String email,
        @Size(max = 100) String teamId,
        @Size(max = 100) String trackId,
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a slug: lower-case letters, digits, dashes")
        @Size(max = 100) String region,
        @PastOrPresent LocalDate startDate,
        @Size(max = 200) String jobTitle) {
}
