package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The devstack starts everything at once: the gateway must come up (and be ready) before Keycloak. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "LADDER_ISSUER_URI=http://127.0.0.1:9/realms/ladder") // port 9 (discard): nothing answers
class StartsWithoutKeycloakTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sessions(DynamicPropertyRegistry registry) {
        registry.add("LADDER_REDIS_URL", LadderInfra::redisUrl); // what is missing here is Keycloak only
    }

    @Test
    void startsReadyAndAnswersLoginAttemptsWith503UntilKeycloakIsUp() {
        Browser browser = new Browser();
        String base = "http://localhost:" + port;

        assertThat(browser.get(base + "/actuator/health/readiness").statusCode()).isEqualTo(200);
        // the portal's page needs no Keycloak (it runs signed out); a page behind the login is sent to the login start
        assertThat(browser.get(base + "/", "Accept", "text/html").statusCode()).isEqualTo(200);
        assertThat(browser.get(base + "/some/page", "Accept", "text/html").statusCode()).isEqualTo(302);

        HttpResponse<String> login = browser.get(base + "/oauth2/authorization/keycloak", "Accept", "text/html");
        assertThat(login.statusCode()).isEqualTo(503);
        assertThat(login.headers().firstValue("Retry-After")).isPresent();
    }
}
