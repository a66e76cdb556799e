package dev.ladder.notification.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code ladder.notification.webhooks.*}.
 *
 * @param allowPrivateNetworks    whether endpoints may point at loopback, private and link-local addresses (tests,
 *                                the devstack); never in production
 * @param disableAfter            an endpoint failing this long without a single success is disabled
 * @param previousSecretValidFor  how long the secret before a rotation still signs beside the new one
 * @param connectTimeout          connecting to a receiver
 * @param requestTimeout          from sending a request to its response
 */
@ConfigurationProperties("ladder.notification.webhooks")
public record WebhookProperties(@DefaultValue("false") boolean allowPrivateNetworks,
                                @DefaultValue("5d") Duration disableAfter,
                                @DefaultValue("24h") Duration previousSecretValidFor,
                                @DefaultValue("5s") Duration connectTimeout,
                                @DefaultValue("10s") Duration requestTimeout) {
}
