package dev.ladder.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook endpoint as its managers see it. {@code secret} is there only in the answer to creating the endpoint and
 * to rotating its secret — the one time it is shown; otherwise it is left out.
 *
 * @param teamId                null = the organisation's
 * @param previousSecretValidUntil while the secret before the last rotation still signs beside the new one
 * @param failingSince          the first failure of the current run of failures; null when healthy
 */
public record WebhookView(UUID id, String teamId, String url, WebhookFormat format, List<String> kinds,
                          String description, String ownerId, boolean enabled, String disabledReason,
                          Instant disabledAt, Instant failingSince, Instant previousSecretValidUntil,
                          Instant createdAt, Instant updatedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static WebhookView of(WebhookEndpoint e, Instant now) {
        return withSecret(e, now, null);
    }

    static WebhookView withSecret(WebhookEndpoint e, Instant now, String secret) {
        Instant previousUntil = e.previousSecret() != null && e.previousSecretUntil() != null
                && e.previousSecretUntil().isAfter(now) ? e.previousSecretUntil() : null;
        return new WebhookView(e.id(), e.teamId(), e.url(), e.format(), e.kinds(), e.description(), e.ownerId(),
                e.enabled(), e.disabledReason(), e.disabledAt(), e.failingSince(), previousUntil, e.createdAt(),
                e.updatedAt(), secret);
    }

    @Override
    public String toString() {
        return "WebhookView[id=" + id + ", teamId=" + teamId + ", format=" + format + ", enabled=" + enabled + "]";
    }
}
