package dev.ladder.notification.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook endpoint's receiver reads: see {@link WebhookBodies} for each body. */
public enum WebhookFormat {

    /** A Slack incoming webhook: {@code text} + Block Kit {@code blocks}. */
    SLACK,
    /** Microsoft Teams Workflows ("when a webhook request is received"): a message with an Adaptive Card. */
    TEAMS,
    /** Ladder's own JSON, for anything else. */
    JSON;

    public static Optional<WebhookFormat> of(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equals(name)).findFirst();
    }
}
