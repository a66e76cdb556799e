package dev.ladder.kit.localmode;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * Local mode: the Spring profile {@value #PROFILE}, which the devstack and the tests switch on and nothing else
 * does. Only in it may a service run with the secrets that are published in this repository, and accept tokens of
 * the local realm's password-grant client {@value #LOCAL_ONLY_CLIENT}.
 *
 * <p>A profile rather than a {@code ladder.*} flag: it is the switch Spring already has for "this kind of
 * environment" ({@code SPRING_PROFILES_ACTIVE}, {@code --spring.profiles.active}), and its absence is the safe
 * default — a deployment that forgets to set anything is treated as production.
 */
public final class LocalMode {

    public static final String PROFILE = "local";

    /**
     * The public client with direct access grants in the local realm export (scripts and tests get tokens with a
     * password). The production realm has no such client; outside local mode its tokens are refused as well, in
     * case someone imports the local realm into a real Keycloak.
     */
    public static final String LOCAL_ONLY_CLIENT = "ladder-cli";

    /**
     * Every secret a Ladder service reads whose default is a value published in this repository. Add one here when a
     * service gains a secret with a local default; the {@link LocalSecretsGuard} then refuses it outside local mode.
     */
    public static final List<LocalSecret> SECRETS = List.of(
            new LocalSecret("ladder.notification.mail.unsubscribe-secret", "LADDER_UNSUBSCRIBE_SECRET",
                    "dev-only-unsubscribe-secret-change-me"),
            // the services' Kafka passwords on the devstack's broker (infra/kafka-access KafkaAcls.User); no service has
            // a default, so one that sets none (a broker without SASL, or mTLS) has nothing to refuse
            kafkaPassword("catalog-service-local-kafka-password"),
            kafkaPassword("profile-service-local-kafka-password"),
            kafkaPassword("progress-service-local-kafka-password"),
            kafkaPassword("notification-service-local-kafka-password"));

    private LocalMode() {
    }

    private static LocalSecret kafkaPassword(String localValue) {
        return new LocalSecret("ladder.kafka.password", "LADDER_KAFKA_PASSWORD", localValue);
    }

    public static boolean isActive(Environment environment) {
        return environment.matchesProfiles(PROFILE);
    }

    /**
     * @param property   the configuration property that holds the secret
     * @param variable   the environment variable that sets it (what an operator sets)
     * @param localValue the value in this repository, fine on a developer's machine only
     */
    public record LocalSecret(String property, String variable, String localValue) {
    }
}
