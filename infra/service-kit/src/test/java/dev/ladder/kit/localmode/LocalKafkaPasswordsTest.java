package dev.ladder.kit.localmode;

import dev.ladder.kafka.KafkaAcls;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' published Kafka passwords are written twice: in the broker's table ({@link KafkaAcls.User}, which the
 * devstack and the tests' broker enforce) and in the list a service refuses outside local mode
 * ({@link LocalMode#SECRETS}). A password added or changed in one place only would let a service start in production
 * with a password anyone can read in this repository.
 */
class LocalKafkaPasswordsTest {

    @Test
    void everyServicesPublishedKafkaPasswordIsRefusedOutsideLocalMode() {
        var refused = LocalMode.SECRETS.stream()
                .filter(secret -> secret.property().equals("ladder.kafka.password"))
                .map(LocalMode.LocalSecret::localValue)
                .toList();
        var servicePasswords = Arrays.stream(new String[] {"catalog", "profile", "progress", "notification"})
                .map(service -> KafkaAcls.User.of(service).orElseThrow().localPassword())
                .toList();

        assertThat(refused).containsExactlyInAnyOrderElementsOf(servicePasswords);
    }
}
