package dev.ladder.kit.messaging;

import dev.ladder.contracts.EventProducers;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * @param externalProducers the {@code ce_source}s of the systems outside Ladder (an LMS, a credential issuer) allowed
 *                          to publish to {@code ladder.achievements.v1}; what they may publish there is fixed by
 *                          {@link EventProducers}. None by default: a record from a source not listed here (nor a
 *                          Ladder service's own) is dead-lettered.
 */
@ConfigurationProperties("ladder.events")
public record LadderEventsProperties(@DefaultValue List<String> externalProducers) {
}
