package dev.ladder.kit.localmode;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The startup check every service gets from the kit: the repository's secrets only in local mode. */
class LocalSecretsGuardTest {

    private static final String UNSUBSCRIBE = "ladder.notification.mail.unsubscribe-secret";
    private static final String PUBLISHED = "dev-only-unsubscribe-secret-change-me";

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LocalModeAutoConfiguration.class));

    @Test
    void outsideLocalModeThePublishedSecretStopsTheStartNamingTheVariableToSet() {
        service.withPropertyValues(UNSUBSCRIBE + "=" + PUBLISHED).run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .isInstanceOf(LocalSecretException.class)
                    .hasMessageContaining(UNSUBSCRIBE)
                    .hasMessageContaining("Set LADDER_UNSUBSCRIBE_SECRET")
                    .hasMessageContaining("SPRING_PROFILES_ACTIVE=local");
        });
    }

    @Test
    void outsideLocalModeABlankSecretIsRefusedToo() {
        service.withPropertyValues(UNSUBSCRIBE + "=  ").run(context ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                        .isInstanceOf(LocalSecretException.class));
    }

    @Test
    void aSecretOfTheOperatorsOwnStarts() {
        service.withPropertyValues(UNSUBSCRIBE + "=3b0c1f4e-a real secret from the vault").run(context ->
                assertThat(context).hasNotFailed());
    }

    @Test
    void inLocalModeThePublishedSecretIsAccepted() {
        service.withPropertyValues(UNSUBSCRIBE + "=" + PUBLISHED, "spring.profiles.active=local").run(context ->
                assertThat(context).hasNotFailed());
    }

    @Test
    void aServiceWithoutThatSecretHasNothingToRefuse() {
        service.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void outsideLocalModeAServicesPublishedKafkaPasswordStopsTheStart() {
        service.withPropertyValues("ladder.kafka.username=progress-service",
                "ladder.kafka.password=progress-service-local-kafka-password").run(context ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                        .isInstanceOf(LocalSecretException.class)
                        .hasMessageContaining("Set LADDER_KAFKA_PASSWORD ")
                        .hasMessageContaining("ladder.kafka.password (LADDER_KAFKA_PASSWORD)."));
    }

    @Test
    void aKafkaPasswordOfTheOperatorsOwnOrNoneAtAllStarts() {
        service.withPropertyValues("ladder.kafka.username=progress-service",
                "ladder.kafka.password=from-the-vault-9c1e").run(context -> assertThat(context).hasNotFailed());
        // no SASL (a PLAINTEXT or mTLS broker): there is no password to refuse
        service.withPropertyValues("ladder.kafka.username=").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void inLocalModeThePublishedKafkaPasswordIsAccepted() {
        service.withPropertyValues("ladder.kafka.password=catalog-service-local-kafka-password",
                "spring.profiles.active=local").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theStartupReportSaysWhatIsWrongAndWhatToSet() {
        FailureAnalysis analysis = new LocalSecretFailureAnalyzer()
                .analyze(new IllegalStateException("wrapped", new LocalSecretException(LocalMode.SECRETS)));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("'local' is not active", UNSUBSCRIBE);
        assertThat(analysis.getAction()).contains("Set LADDER_UNSUBSCRIBE_SECRET (" + UNSUBSCRIBE + ")",
                "SPRING_PROFILES_ACTIVE=local");
    }
}
