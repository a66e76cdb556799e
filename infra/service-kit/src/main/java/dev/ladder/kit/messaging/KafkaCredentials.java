package dev.ladder.kit.messaging;

import java.util.Locale;

import org.apache.kafka.common.config.SaslConfigs;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Logs every Kafka client of a service (producers, consumers, the admin client) in as the service's own user when
 * {@code ladder.kafka.username} is set, so the broker's ACLs can hold each service to its own topics (README
 * "Locking the topics"). It writes the SASL settings into Boot's {@link KafkaProperties}, from which every client
 * factory is built; without a username it changes nothing, so a broker secured by mTLS
 * ({@code spring.kafka.ssl.*}) or a PLAINTEXT one (the module tests' embedded broker) works as before — the broker,
 * not the client, decides whether a credential is required.
 */
final class KafkaCredentials implements BeanPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        // after initialization: Boot has bound spring.kafka.* into the bean by then
        if (bean instanceof KafkaProperties kafka) {
            apply(Binder.get(environment).bindOrCreate("ladder.kafka", LadderKafkaProperties.class), kafka);
        }
        return bean;
    }

    /** @throws IllegalStateException half a credential, or a mechanism whose login this cannot configure */
    static void apply(LadderKafkaProperties ladder, KafkaProperties kafka) {
        boolean user = hasText(ladder.username());
        boolean password = hasText(ladder.password());
        if (!user && !password) {
            return;
        }
        if (!user || !password) {
            // a password without a user (or the reverse) is a typo in a deployment: fail at start, not at the
            // first poll with an authentication error far from its cause
            throw new IllegalStateException("Kafka credentials need both LADDER_KAFKA_USERNAME and "
                    + "LADDER_KAFKA_PASSWORD (ladder.kafka.username/password); only "
                    + (user ? "the username" : "the password") + " is set.");
        }
        String mechanism = ladder.saslMechanism().trim().toUpperCase(Locale.ROOT);
        String loginModule = switch (mechanism) {
            case "SCRAM-SHA-512", "SCRAM-SHA-256" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            default -> throw new IllegalStateException("LADDER_KAFKA_SASL_MECHANISM " + mechanism
                    + " is not one Ladder configures (SCRAM-SHA-512, SCRAM-SHA-256, PLAIN); configure "
                    + "spring.kafka.properties.sasl.* yourself and leave LADDER_KAFKA_USERNAME unset.");
        };
        // SASL_SSL unless told otherwise: a credential is for a broker across a network, where the records (and,
        // with PLAIN, the password) must not travel in clear. Only a loopback broker (the devstack) says PLAINTEXT.
        kafka.getSecurity().setProtocol(hasText(ladder.securityProtocol())
                ? ladder.securityProtocol().trim().toUpperCase(Locale.ROOT) : "SASL_SSL");
        kafka.getProperties().put(SaslConfigs.SASL_MECHANISM, mechanism);
        kafka.getProperties().put(SaslConfigs.SASL_JAAS_CONFIG, loginModule + " required username=\""
                + quoted(ladder.username()) + "\" password=\"" + quoted(ladder.password()) + "\";");
    }

    /** JAAS quoted strings: a backslash or a double quote in a password would end or break the value. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
