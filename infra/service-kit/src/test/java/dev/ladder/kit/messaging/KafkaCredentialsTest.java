package dev.ladder.kit.messaging;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Kafka client Boot builds for a service logs in as the service's user, or, without one, as before. */
class KafkaCredentialsTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
            .withBean(KafkaCredentials.class);

    @Test
    void withAUsernameTheProducersConsumersAndAdminLogInWithScramOverTls() {
        service.withPropertyValues("ladder.kafka.username=progress-service", "ladder.kafka.password=s3cr\"et\\x")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    for (Map<String, Object> config : clients(context)) {
                        assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram."
                                        + "ScramLoginModule required username=\"progress-service\" "
                                        + "password=\"s3cr\\\"et\\\\x\";");
                    }
                });
    }

    @Test
    void theDevstackSaysPlaintextSaslOnLoopbackAndAnotherMechanism() {
        service.withPropertyValues("ladder.kafka.username=catalog-service", "ladder.kafka.password=p",
                        "ladder.kafka.security-protocol=SASL_PLAINTEXT", "ladder.kafka.sasl-mechanism=plain")
                .run(context -> {
                    for (Map<String, Object> config : clients(context)) {
                        assertThat(config).containsEntry("security.protocol", "SASL_PLAINTEXT")
                                .containsEntry("sasl.mechanism", "PLAIN");
                        assertThat((String) config.get("sasl.jaas.config"))
                                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
                    }
                });
    }

    @Test
    void withoutAUsernameNothingChanges() {
        service.withPropertyValues("spring.kafka.security.protocol=SSL").run(context -> {
            for (Map<String, Object> config : clients(context)) {
                assertThat(config).containsEntry("security.protocol", "SSL")
                        .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config");
            }
        });
    }

    @Test
    void halfACredentialStopsTheStart() {
        service.withPropertyValues("ladder.kafka.password=orphan").run(context ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                        .hasMessageContaining("LADDER_KAFKA_USERNAME").hasMessageContaining("only the password"));
    }

    private static java.util.List<Map<String, Object>> clients(
            org.springframework.context.ApplicationContext context) {
        return java.util.List.of(
                context.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties(),
                context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties(),
                context.getBean(KafkaAdmin.class).getConfigurationProperties());
    }
}
