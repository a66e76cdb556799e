package dev.ladder.notification.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A stored webhook endpoint ({@code webhook_endpoint}). Holds its secrets: never serialise it, show a
 * {@link WebhookView}.
 *
 * @param teamId null = the organisation's (admins')
 */
public record WebhookEndpoint(UUID id, String ownerId, String teamId, String url, WebhookFormat format,
                              List<String> kinds, String description, String secret, String previousSecret,
                              Instant previousSecretUntil, boolean enabled, String disabledReason,
                              Instant disabledAt, Instant failingSince, Instant createdAt, Instant updatedAt) {

    /** The secrets to sign with at {@code now}: the current one, and the previous one while it is still valid. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    /** What a log or a notification may say about the endpoint: its description, else its host. */
    public String label() {
        if (description != null && !description.isBlank()) {
            return description;
        }
        try {
            String host = java.net.URI.create(url).getHost();
            return host != null ? host : "a webhook endpoint";
        } catch (IllegalArgumentException e) {
            return "a webhook endpoint";
        }
    }

    @Override
    public String toString() {
        // never the secrets, nor the URL's path (Slack and Teams URLs carry a token)
        return "WebhookEndpoint[id=" + id + ", teamId=" + teamId + ", format=" + format + ", enabled=" + enabled + "]";
    }
}
