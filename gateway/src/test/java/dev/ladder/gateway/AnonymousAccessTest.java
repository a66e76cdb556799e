package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnonymousAccessTest extends GatewayTestSupport {

    /**
     * The portal's page is served signed out (it holds no data; /session answers 401 and the page sends the browser
     * to sign in itself, remembering the deep link); any other page without a session is sent to Keycloak.
     */
    @Test
    void thePortalPageRunsSignedOutAndOtherPagesAreSentToKeycloakLogin() {
        Browser browser = new Browser();

        for (String path : new String[] {"/", "/index.html"}) {
            HttpResponse<String> portal = browser.get(gateway(path), "Accept", "text/html");
            assertThat(portal.statusCode()).as(path).isEqualTo(200);
            assertThat(portal.body()).as(path).contains("<script type=\"module\"");
            assertThat(Browser.setCookieNames(portal)).as(path).doesNotContain("SESSION");
        }
        assertThat(browser.get(gateway("/session"), "Accept", "application/json").statusCode()).isEqualTo(401);

        HttpResponse<String> page = browser.get(gateway("/some/page"), "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(Browser.location(page)).isEqualTo(URI.create(gateway("/oauth2/authorization/keycloak")));

        HttpResponse<String> start = browser.get(Browser.location(page).toString(), "Accept", "text/html");
        assertThat(start.statusCode()).isEqualTo(302);
        String keycloak = Browser.location(start).toString();
        assertThat(keycloak).startsWith(LadderInfra.issuerUri() + "/protocol/openid-connect/auth?")
                .contains("client_id=ladder-gateway", "response_type=code", "scope=openid", "code_challenge=",
                        "redirect_uri=http://localhost:" + port + "/login/oauth2/code/keycloak");
    }

    /**
     * Regression test for the Reactor Netty keep-alive stall (see EventLoopCompletionWebFilter): a redirect
     * that creates a session, immediately followed by the next request on the same connection, as browsers do.
     */
    @Test
    void keepAliveConnectionsKeepAnsweringAfterSessionCreatingRedirects() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 150; i++) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(gateway("/oauth2/authorization/keycloak")))
                    .header("Accept", "text/html").timeout(Duration.ofSeconds(5)).build(), BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(302);
            HttpResponse<String> next = client.send(HttpRequest.newBuilder(URI.create(gateway("/actuator/health/liveness")))
                    .timeout(Duration.ofSeconds(5)).build(), BodyHandlers.ofString());
            assertThat(next.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void apiWithoutSessionOrTokenIs401ProblemNotARedirect() {
        Browser browser = new Browser();

        HttpResponse<String> get = browser.get(gateway("/api/progress/me"), "Accept", "application/json");
        HttpResponse<String> post = browser.post(gateway("/api/profiles/me/certifications"), "application/json", "{}");

        for (HttpResponse<String> response : java.util.List.of(get, post)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Location")).isEmpty();
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = json(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(401);
            assertThat(Browser.setCookieNames(response)).doesNotContain("SESSION");
        }
        assertThat(PROGRESS.received()).isEmpty();
        assertThat(PROFILE.received()).isEmpty();
    }

    /** The portal's charting library comes from this jar (WebJar), like the portal's own code: no CDN, no session. */
    @Test
    void chartJsIsServedFromTheWebJarWithoutASession() {
        HttpResponse<String> chart = new Browser().get(gateway("/webjars/chart.js/4.5.1/dist/chart.umd.js"), "Accept", "*/*");

        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("javascript"));
        assertThat(chart.body()).contains("Chart.js v4.5.1");
        assertThat(Browser.setCookieNames(chart)).doesNotContain("SESSION");
    }

    @Test
    void sessionWithoutLoginIs401() {
        HttpResponse<String> response = new Browser().get(gateway("/session"), "Accept", "application/json");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void healthAndPortalAssetsArePublic() {
        Browser browser = new Browser();

        HttpResponse<String> readiness = browser.get(gateway("/actuator/health/readiness"));
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness.body()).get("status").asString()).isEqualTo("UP");
        assertThat(browser.get(gateway("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        assertThat(browser.get(gateway("/assets/app.js")).statusCode()).isEqualTo(200);

        assertThat(browser.get(gateway("/actuator/env")).statusCode()).isIn(401, 403, 404);
    }
}
