package dev.ladder.notification;

import dev.ladder.kit.localmode.LocalSecretException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The unsubscribe-link secret's default in application.yml is public (it is in this repository): outside local mode
 * the service does not start with it. It stops before any bean is created, so no database or broker is needed.
 */
class LocalSecretsTest {

    @Test
    void outsideLocalModeThePublishedUnsubscribeSecretStopsTheStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(NotificationApplication.class)
                .run("--spring.profiles.active=production", "--server.port=0"))
                .extracting(NestedExceptionUtils::getMostSpecificCause)
                .isInstanceOf(LocalSecretException.class)
                .extracting(Throwable::getMessage).asString()
                .contains("ladder.notification.mail.unsubscribe-secret", "Set LADDER_UNSUBSCRIBE_SECRET");
    }
}
