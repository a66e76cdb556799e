package dev.ladder.notification.webhook;

import dev.ladder.notification.delivery.Notification;
import dev.ladder.notification.delivery.NotificationKind;
import dev.ladder.notification.delivery.Notifier;
import dev.ladder.notification.delivery.OutboundChannel;
import dev.ladder.notification.delivery.OutboundMessage;
import dev.ladder.notification.delivery.SendOutcome;
import dev.ladder.notification.delivery.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends webhook messages ({@code target} = the endpoint id) and keeps each endpoint's health: a success ends a run of
 * failures; {@code 410 Gone}, giving up on a message, or failing for longer than {@code disable-after} disables the
 * endpoint and tells its owner (an in-app {@code WEBHOOK_DISABLED}, and whatever other channels make of it).
 */
@Component
class WebhookTransport implements Transport {

    static final String SETTINGS_LINK = "#/settings/webhooks";

    private static final Logger log = LoggerFactory.getLogger(WebhookTransport.class);

    private final WebhookRepository endpoints;
    private final WebhookPoster poster;
    private final Notifier notifier;
    private final Duration disableAfter;
    private final Clock clock = Clock.systemUTC();

    WebhookTransport(WebhookRepository endpoints, WebhookPoster poster, Notifier notifier,
                     WebhookProperties properties) {
        this.endpoints = endpoints;
        this.poster = poster;
        this.notifier = notifier;
        this.disableAfter = properties.disableAfter();
    }

    @Override
    public OutboundChannel channel() {
        return OutboundChannel.WEBHOOK;
    }

    /** Outside any transaction: one read of the endpoint, then the request. */
    @Override
    public SendOutcome send(OutboundMessage message) {
        Optional<WebhookEndpoint> endpoint = idOf(message).flatMap(endpoints::find);
        if (endpoint.isEmpty()) {
            return new SendOutcome.Failed(null, "The webhook endpoint was deleted");
        }
        if (!endpoint.get().enabled()) {
            return new SendOutcome.Failed(null, "The webhook endpoint is disabled");
        }
        try {
            return poster.post(endpoint.get(), message);
        } catch (RuntimeException e) {
            log.warn("Sending message {} to webhook endpoint {} failed", message.id(), endpoint.get().id(), e);
            return new SendOutcome.Retry(null, WebhookPoster.clean("Internal error: " + e.getClass().getSimpleName()),
                    null);
        }
    }

    @Override
    @Transactional
    public void settled(OutboundMessage message, SendOutcome outcome, boolean givingUp) {
        Optional<WebhookEndpoint> locked = idOf(message).flatMap(endpoints::lock);
        if (locked.isEmpty() || !locked.get().enabled()) {
            return; // deleted or already off: nothing to keep healthy
        }
        WebhookEndpoint endpoint = locked.get();
        Instant now = clock.instant();
        if (outcome instanceof SendOutcome.Delivered) {
            endpoints.healthy(endpoint.id());
            return;
        }
        endpoints.failing(endpoint.id(), now);
        Instant failingSince = endpoint.failingSince() != null ? endpoint.failingSince() : now;
        String reason;
        if (outcome instanceof SendOutcome.Gone) {
            reason = "The receiver answered 410 Gone: it no longer takes requests.";
        } else if (givingUp) {
            reason = "A message could not be delivered after " + message.attempt() + " attempt(s)"
                    + (outcome.error() == null ? "." : "; last error: " + outcome.error());
        } else if (!failingSince.isAfter(now.minus(disableAfter))) {
            reason = "Every request has failed since " + failingSince.truncatedTo(ChronoUnit.SECONDS)
                    + (outcome.error() == null ? "." : "; last error: " + outcome.error());
        } else {
            return;
        }
        disable(endpoint, reason, now);
    }

    private void disable(WebhookEndpoint endpoint, String reason, Instant now) {
        // the stored time is what the notification's id is made from: one notification per time it was disabled
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        if (!endpoints.disable(endpoint.id(), reason, at)) {
            return;
        }
        log.warn("Disabled webhook endpoint {}: {}", endpoint.id(), reason);
        notifier.deliver(new Notification(
                NotificationKind.WEBHOOK_DISABLED.name() + ":" + endpoint.id() + ":" + at.toEpochMilli(),
                endpoint.ownerId(), NotificationKind.WEBHOOK_DISABLED.name(),
                "Webhook disabled: " + endpoint.label(),
                reason + " Fix the receiver, then enable the endpoint again under Settings → Webhooks.",
                at, SETTINGS_LINK));
    }

    private static Optional<UUID> idOf(OutboundMessage message) {
        try {
            return Optional.of(UUID.fromString(message.target()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
