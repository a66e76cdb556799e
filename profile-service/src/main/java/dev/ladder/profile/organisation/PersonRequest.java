package dev.ladder.profile.organisation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** PUT /api/profiles/admin/people/{id}: every organisation attribute of the person (absent = cleared). */
public record PersonRequest(
        @NotBlank @Size(max = 200) String displayName,
        @Email @Size(max = 320) String email,
        @Size(max = 100) String teamId,
        @NotBlank @Size(max = 100) String trackId,
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a slug: lower-case letters, digits, dashes")
        @Size(max = 100) String region,
        @PastOrPresent LocalDate startDate,
        @Size(max = 200) String jobTitle) {
}
