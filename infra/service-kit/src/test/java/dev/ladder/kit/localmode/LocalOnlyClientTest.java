package dev.ladder.kit.localmode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.ladder.keycloak.DemoUsers;
import dev.ladder.keycloak.TokenClient;
import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service built on the kit, against the real Keycloak: a password-grant token of {@code ladder-cli} is a valid
 * token in local mode and an invalid one outside it, refused with the same 401 as any other bad token; the
 * provisioning client's token is a valid token in both (and refused with a 403: the services answer people only).
 */
class LocalOnlyClientTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void outsideLocalModeALadderCliTokenIsA401LikeAnyBadToken() throws Exception {
        try (ConfigurableApplicationContext service = start()) {
            HttpResponse<String> cli = get(service, LadderInfra.accessToken("alice"));

            assertThat(cli.statusCode()).isEqualTo(401);
            assertThat(cli.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
            assertThat(cli.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(cli.body()).contains("\"detail\":\"A valid bearer token is required.\"")
                    .doesNotContain("ladder-cli");

            // only that client's token is invalid: the provisioning client's machine token is valid, and refused
            // only because the services answer people (403, not 401)
            assertThat(get(service, provisionerToken()).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void inLocalModeALadderCliTokenIsAccepted() throws Exception {
        try (ConfigurableApplicationContext service = start(LocalMode.PROFILE)) {
            HttpResponse<String> cli = get(service, LadderInfra.accessToken("alice"));

            assertThat(cli.statusCode()).isEqualTo(200);
            assertThat(cli.body()).isEqualTo(DemoUsers.ALICE.id());
            assertThat(get(service, provisionerToken()).statusCode()).isEqualTo(403);
        }
    }

    private static ConfigurableApplicationContext start(String... profiles) {
        return new SpringApplicationBuilder(KitService.class).profiles(profiles).run(
                "--server.port=0",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + LadderInfra.issuerUri(),
                "--spring.security.oauth2.resourceserver.jwt.audiences=ladder-api",
                // the security under test needs neither a database nor a broker
                "--spring.autoconfigure.exclude="
                        + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                        + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
                        + "dev.ladder.kit.messaging.MessagingAutoConfiguration,"
                        + "dev.ladder.kit.outbox.OutboxAutoConfiguration");
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext service, String token)
            throws IOException, InterruptedException {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/kit/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String provisionerToken() {
        return new TokenClient(LadderInfra.issuerUri())
                .clientCredentialsToken("ladder-provisioner", "ladder-provisioner-secret");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Me.class)
    static class KitService {
    }

    @RestController
    static class Me {

        @GetMapping("/api/kit/me")
        String me(Authentication caller) {
            return caller.getName();
        }
    }
}
