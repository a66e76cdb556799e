package dev.ladder.devstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevstackTest {

    @Test
    void argumentsAndEnvironmentMakeTheConfiguration() {
        PlatformConfig config = Devstack.configure(List.of("--wipe", "--infra-only", "--no-demo-data"),
                Map.of("LADDER_HOME", "/tmp/ladder-x", "LADDER_POSTGRES_PORT", "25432"));

        assertThat(config.wipe()).isTrue();
        assertThat(config.services()).isEmpty();
        assertThat(config.demoData()).isFalse();
        assertThat(config.home()).isEqualTo(Path.of("/tmp/ladder-x"));
        assertThat(config.ports()).containsEntry(Component.POSTGRES, 25432).containsEntry(Component.GATEWAY, 8080);
    }

    @Test
    void defaultsAreTheSpecPortsAndEveryService() {
        PlatformConfig config = Devstack.configure(List.of(), Map.of());

        assertThat(config.wipe()).isFalse();
        assertThat(config.demoData()).isTrue();
        assertThat(config.services()).containsExactly(Service.values());
        assertThat(config.home()).isEqualTo(Path.of(System.getProperty("user.home"), ".ladder"));
        for (Component c : Component.values()) {
            assertThat(config.ports()).containsEntry(c, c.defaultPort());
        }
    }

    @Test
    void haStartsThreeKafkaNodesAndTwoInstancesOfEverythingAndOnlyWhenAsked() {
        PlatformConfig light = Devstack.configure(List.of(), Map.of());
        PlatformConfig ha = Devstack.configure(List.of("--ha"), Map.of());

        assertThat(light.highAvailability()).isFalse();
        assertThat(light.instances()).isEqualTo(1);
        assertThat(light.kafkaNodes()).isEqualTo(1);
        assertThat(ha.highAvailability()).isTrue();
        assertThat(ha.instances()).isEqualTo(2);
        assertThat(ha.kafkaNodes()).isEqualTo(3);
        assertThat(ha.ports()).isEqualTo(light.ports()); // the portal and every service keep their addresses
    }

    @Test
    void helpAndUnknownArguments() {
        assertThat(Devstack.configure(List.of("--help"), Map.of())).isNull();
        assertThatThrownBy(() -> Devstack.configure(List.of("--wipe-all"), Map.of()))
                .hasMessageStartingWith("Unknown argument '--wipe-all'.");
    }
}
