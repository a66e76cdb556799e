package dev.ladder.profile.gdpr;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /api/profiles/admin/erasures: the employee id of the person to erase. */
public record EraseRequest(@NotBlank @Size(max = 255) String employeeId) {
}
