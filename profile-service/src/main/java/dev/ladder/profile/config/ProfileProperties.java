package dev.ladder.profile.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param demoData       seed the demo org at start-up (env LADDER_DEMO_DATA)
 * @param defaultTrackId track assigned to employees registered on first login
 * @param consumerGroup  Kafka consumer group of this service's listeners
 */
@ConfigurationProperties("ladder.profile")
public record ProfileProperties(
        @DefaultValue("false") boolean demoData,
        @DefaultValue("ai-ml-security-specialist") String defaultTrackId,
        @DefaultValue("profile") String consumerGroup) {
}
