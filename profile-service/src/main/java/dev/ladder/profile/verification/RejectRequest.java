package dev.ladder.profile.verification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the claim is not confirmed; the employee sees it. */
public record RejectRequest(@NotBlank @Size(max = 1000) String reason) {
}
