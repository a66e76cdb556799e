package dev.ladder.testkit;

import java.time.Duration;

import dev.ladder.keycloak.KeycloakServer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** Servers in Docker. Only this class touches Testcontainers, so nothing loads it when Docker is not used. */
final class ContainerServers {

    static final String POSTGRES_IMAGE = "postgres:17-alpine";
    static final String REDIS_IMAGE = "redis:7-alpine";
    static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:" + KeycloakServer.VERSION;

    private ContainerServers() {
    }

    /** Call only when Testcontainers is on the classpath (see {@code LadderInfra}). */
    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static Started postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                .withDatabaseName("postgres")
                .withUsername("postgres")
                .withPassword("postgres");
        container.start();
        return new Started(container.getJdbcUrl(), "container " + POSTGRES_IMAGE, container::stop);
    }

    static Started keycloak() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(KEYCLOAK_IMAGE))
                .withCopyFileToContainer(MountableFile.forClasspathResource(KeycloakServer.REALM_RESOURCE),
                        "/opt/keycloak/data/import/ladder-realm.json")
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")
                .withCommand("start-dev", "--import-realm")
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/realms/" + KeycloakServer.REALM + "/.well-known/openid-configuration")
                        .forPort(8080)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        container.start();
        // tokens name the URL they were requested from as issuer, so tests and services must use this same one
        String baseUrl = "http://" + container.getHost() + ":" + container.getMappedPort(8080);
        return new Started(baseUrl, "container " + KEYCLOAK_IMAGE, container::stop);
    }

    static Started redis() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
                .withCommand("redis-server", "--save", "", "--appendonly", "no")
                .withExposedPorts(6379)
                .waitingFor(Wait.forListeningPort());
        container.start();
        return new Started("redis://" + container.getHost() + ":" + container.getMappedPort(6379),
                "container " + REDIS_IMAGE, container::stop);
    }
}
