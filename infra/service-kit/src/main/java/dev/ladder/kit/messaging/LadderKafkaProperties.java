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
 * @param username   the service's Kafka user ({@code LADDER_KAFKA_USERNAME}); unset: no SASL, the connection is as
 *                   {@code spring.kafka.*} says (PLAINTEXT by default, or mTLS through {@code spring.kafka.ssl.*})
 * @param password   its password ({@code LADDER_KAFKA_PASSWORD}); the devstack's are local secrets (LocalMode)
 * @param securityProtocol with a username: {@code SASL_SSL} unless set ({@code LADDER_KAFKA_SECURITY_PROTOCOL}; the
 *                   devstack's broker listens on loopback only and sets {@code SASL_PLAINTEXT})
 * @param saslMechanism with a username: {@code SCRAM-SHA-512} unless set ({@code LADDER_KAFKA_SASL_MECHANISM};
 *                   {@code SCRAM-SHA-256} and {@code PLAIN} work too)
 * @see KafkaCredentials
 */
@ConfigurationProperties("ladder.kafka")
public record LadderKafkaProperties(
        @DefaultValue List<String> topics,
        @DefaultValue("3") int partitions,
        @DefaultValue("2") int retries,
        @DefaultValue("200ms") Duration retryBackoff,
        String username,
        String password,
        String securityProtocol,
        @DefaultValue("SCRAM-SHA-512") String saslMechanism) {
}
