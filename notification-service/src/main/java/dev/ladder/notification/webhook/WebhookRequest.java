package dev.ladder.notification.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * POST /api/notifications/webhooks. Shape rules live here (400); whether the URL may be reached, the kinds fit the
 * endpoint and the caller may register it for the team are {@link WebhookEndpoints}' (422, 403).
 *
 * @param teamId null = an organisation-wide endpoint (admins only)
 */
public record WebhookRequest(
        @NotBlank @Size(max = WebhookUrlGuard.MAX_LENGTH) String url,
        @NotBlank @Pattern(regexp = FORMATS, message = "must be one of SLACK, TEAMS, JSON") String format,
        @NotEmpty @Size(max = 50) List<@NotBlank String> kinds,
        @Size(min = 1, max = 100) String teamId,
        @Size(max = 200) String description) {

    static final String FORMATS = "SLACK|TEAMS|JSON";
}
