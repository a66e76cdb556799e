package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.gateway.security.LocalMode;
import dev.ladder.gateway.security.LocalSecretFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

/** The gateway starts with the local realm's published client secret in local mode only. */
class LocalModeTest {

    private final ApplicationContextRunner gateway = new ApplicationContextRunner()
            .withUserConfiguration(LocalMode.class);

    @Test
    void theGatewayAsBuiltRefusesToStartOutsideLocalModeWithThePublishedSecret() {
        // application.yml's default, no LADDER_KEYCLOAK_CLIENT_SECRET: stops before any bean, so no Keycloak needed
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .run("--spring.profiles.active=production", "--server.port=0"))
                .extracting(NestedExceptionUtils::getMostSpecificCause)
                .isInstanceOf(LocalMode.LocalSecretException.class)
                .extracting(Throwable::getMessage).asString()
                .contains("ladder.gateway.login.client-secret", "Set LADDER_KEYCLOAK_CLIENT_SECRET",
                        "SPRING_PROFILES_ACTIVE=local");
    }

    @Test
    void outsideLocalModeAPublishedBlankOrMissingSecretIsRefused() {
        for (String secret : new String[] {"ladder-gateway-secret", " "}) {
            gateway.withPropertyValues("ladder.gateway.login.client-secret=" + secret).run(context ->
                    assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure())).as(secret)
                            .isInstanceOf(LocalMode.LocalSecretException.class));
        }
        gateway.run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                .isInstanceOf(LocalMode.LocalSecretException.class));
    }

    @Test
    void outsideLocalModeASecretOfTheOperatorsOwnStarts() {
        gateway.withPropertyValues("ladder.gateway.login.client-secret=from-the-vault-7f3a")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void inLocalModeThePublishedSecretIsAccepted() {
        gateway.withPropertyValues("ladder.gateway.login.client-secret=ladder-gateway-secret",
                "spring.profiles.active=local").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theStartupReportNamesTheVariable() {
        FailureAnalysis analysis = new LocalSecretFailureAnalyzer().analyze(new LocalMode.LocalSecretException());

        assertThat(analysis.getDescription()).contains("'local' is not active", "ladder.gateway.login.client-secret");
        assertThat(analysis.getAction()).contains("Set LADDER_KEYCLOAK_CLIENT_SECRET", "SPRING_PROFILES_ACTIVE=local");
    }
}
