package dev.ladder.profile.gdpr;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param purgeEnabled  run the topic purge of completed erasures (README "Personal data")
 * @param purgeInterval pause between two purge rounds
 * @param batchSize     records read per poll when a dead-letter topic is rewritten
 */
@ConfigurationProperties("ladder.profile.erasure")
public record ErasureProperties(
        @DefaultValue("true") boolean purgeEnabled,
        @DefaultValue("30s") Duration purgeInterval,
        @DefaultValue("500") int batchSize) {
}
