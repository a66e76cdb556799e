package dev.ladder.kit.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param relayEnabled whether this instance polls the outbox (off only for tests of a stopped relay)
 * @param pollInterval how often the relay looks for unsent rows; it also drains a backlog without waiting
 * @param batchSize    rows claimed per transaction
 * @param source       the CloudEvents {@code ce_source} of this service's events; unset:
 *                     {@code /ladder/<spring.application.name>}, the only source other services accept this service's
 *                     event types from ({@code EventProducers}) — a service that sets another has its events refused
 */
@ConfigurationProperties("ladder.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        String source) {
}
