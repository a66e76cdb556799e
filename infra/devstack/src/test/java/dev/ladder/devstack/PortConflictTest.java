package dev.ladder.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortConflictTest {

    @TempDir
    Path home;

    @Test
    void aTakenPortIsNamedWithTheVariableThatMovesItAndNothingStarts() throws Exception {
        List<String> progress = new ArrayList<>();
        try (ServerSocket occupied = new ServerSocket()) {
            occupied.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = occupied.getLocalPort();
            PlatformConfig config = PlatformConfig.builder()
                    .home(home.resolve("ladder"))
                    .anyFreePorts()
                    .port(Component.GATEWAY, port)
                    .progress(progress::add)
                    .build();

            assertThatThrownBy(() -> Platform.start(config))
                    .isInstanceOf(PortConflictException.class)
                    .hasMessage("Port " + port + " (gateway) is already in use. Set LADDER_GATEWAY_PORT to another port.")
                    .satisfies(e -> assertThat(((PortConflictException) e).conflicts())
                            .containsExactly(Component.GATEWAY));
        }
        assertThat(progress).as("nothing reported starting").isEmpty();
        assertThat(home.resolve("ladder")).as("not even the data directory was created").doesNotExist();
        assertThat(ProcessHandle.current().children()).as("no process was started").isEmpty();
    }

    @Test
    void everyConflictIsReportedAtOnce() throws Exception {
        try (ServerSocket kafka = new ServerSocket(0); ServerSocket postgres = new ServerSocket(0)) {
            PlatformConfig config = PlatformConfig.builder()
                    .home(home)
                    .anyFreePorts()
                    .port(Component.KAFKA, kafka.getLocalPort())
                    .port(Component.POSTGRES, postgres.getLocalPort())
                    .infrastructureOnly()
                    .build();

            assertThatThrownBy(() -> Platform.start(config))
                    .isInstanceOf(PortConflictException.class)
                    .hasMessageContaining("Port " + kafka.getLocalPort() + " (Kafka) is already in use. Set LADDER_KAFKA_PORT")
                    .hasMessageContaining("Port " + postgres.getLocalPort()
                            + " (PostgreSQL) is already in use. Set LADDER_POSTGRES_PORT");
        }
    }

    @Test
    void portsFromTheEnvironmentAreValidated() {
        assertThatThrownBy(() -> PlatformConfig.fromEnvironment(java.util.Map.of("LADDER_KAFKA_PORT", "90x2")))
                .isInstanceOf(PlatformException.class)
                .hasMessage("LADDER_KAFKA_PORT must be a port number (0-65535), was '90x2'.");
        PlatformConfig config = PlatformConfig.fromEnvironment(java.util.Map.of(
                "LADDER_GATEWAY_PORT", "18080", "LADDER_HOME", home.toString())).build();
        assertThat(config.ports()).containsEntry(Component.GATEWAY, 18080).containsEntry(Component.KAFKA, 9092);
        assertThat(config.home()).isEqualTo(home.toAbsolutePath());
        assertThat(config.logDir()).isEqualTo(home.toAbsolutePath().resolve("logs"));
    }
}
