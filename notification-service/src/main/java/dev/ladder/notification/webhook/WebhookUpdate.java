package dev.ladder.notification.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * PATCH /api/notifications/webhooks/{id}: what is present changes, what is absent (null) stays. An empty
 * {@code description} removes it. {@code enabled: true} re-enables a disabled endpoint and forgets its failures.
 * The team cannot change: register another endpoint.
 */
public record WebhookUpdate(
        @Size(min = 1, max = WebhookUrlGuard.MAX_LENGTH) String url,
        @Pattern(regexp = WebhookRequest.FORMATS, message = "must be one of SLACK, TEAMS, JSON") String format,
        @Size(min = 1, max = 50, message = "must list 1 to 50 kinds") List<@NotBlank String> kinds,
        @Size(max = 200) String description,
        Boolean enabled) {
}
