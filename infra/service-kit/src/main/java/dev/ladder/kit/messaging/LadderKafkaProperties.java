package dev.ladder.kit.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param topics     the topics this service produces or consumes; each is created (with its dead-letter topic) if
 *                   missing
 * @param partitions partitions of created topics; dead-letter topics get the same count because a dead letter
 *                   keeps its original partition
 * @param retries    redeliveries of a record whose processing failed with a transient error before it is
 *                   dead-lettered
 * @param retryBackoff pause between those redeliveries
 */
@ConfigurationProperties("ladder.kafka")
public record LadderKafkaProperties(
        @DefaultValue List<String> topics,
        @DefaultValue("3") int partitions,
        @DefaultValue("2") int retries,
        @DefaultValue("200ms") Duration retryBackoff) {
}
