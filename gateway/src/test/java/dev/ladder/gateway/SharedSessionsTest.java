package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sessions live in Redis, not in a gateway's memory: a browser signed in at one gateway instance is signed in at
 * every other, a restarted gateway still knows it, and signing out at one ends it everywhere.
 */
class SharedSessionsTest extends GatewayTestSupport {

    private final List<ConfigurableApplicationContext> others = new ArrayList<>();

    @AfterEach
    void stopOthers() {
        others.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aSessionStartedAtOneInstanceWorksAtAnotherAndSurvivesARestart() {
        Browser browser = login("alice"); // at this test's gateway
        String session = browser.cookie("SESSION").orElseThrow();

        int second = startAnotherGateway();
        assertSignedInAs(browser, second, "alice");
        HttpResponse<String> relayed = browser.get(at(second, "/api/profiles/me"), "Accept", "application/json");
        assertThat(relayed.statusCode()).isEqualTo(200);
        assertThat(claims(PROFILE.received().get(0).authorization().substring("Bearer ".length()))
                .get("preferred_username").asString()).as("the token kept in the shared session").isEqualTo("alice");

        // a restart: the instance goes away and a new one comes up, with nothing in memory
        others.remove(0).close();
        int restarted = startAnotherGateway();
        assertSignedInAs(browser, restarted, "alice");
        assertThat(browser.cookie("SESSION")).as("the same session, not a new one").contains(session);

        // signing out at one instance ends the session at all of them
        HttpResponse<String> logout = browser.postForm(at(restarted, "/logout"),
                Map.of("_csrf", browser.cookie("XSRF-TOKEN").orElseThrow()));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(browser.get(gateway("/session"), "Accept", "application/json").statusCode()).isEqualTo(401);
    }

    @Test
    void twoPeopleAtTwoInstancesKeepTheirOwnSessions() {
        Browser alice = login("alice");
        Browser mark = login("mark");
        int second = startAnotherGateway();

        assertSignedInAs(alice, second, "alice");
        assertSignedInAs(mark, second, "mark");
        assertSignedInAs(alice, port, "alice");
    }

    @Test
    void withoutItsSessionStoreAGatewayAnswersBrowsers503AndBearerCallsGoOn() {
        Browser browser = login("alice");
        int cutOff = startAnotherGateway("redis://127.0.0.1:9"); // port 9 (discard): nothing answers

        HttpResponse<String> session = browser.get(at(cutOff, "/session"), "Accept", "application/json");
        assertThat(session.statusCode()).isEqualTo(503);
        assertThat(session.headers().firstValue("Retry-After")).contains("5");
        assertThat(session.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(session.body()).get("detail").asString()).contains("session store is not reachable");

        HttpResponse<String> bearer = new Browser().get(at(cutOff, "/api/profiles/me"), "Accept", "application/json",
                "Authorization", "Bearer " + LadderInfra.accessToken("alice"));
        assertThat(bearer.statusCode()).as("bearer calls hold no session").isEqualTo(200);
    }

    private void assertSignedInAs(Browser browser, int port, String username) {
        HttpResponse<String> response = browser.get(at(port, "/session"), "Accept", "application/json");
        assertThat(response.statusCode()).as("GET /session at port %d: %s", port, response.body()).isEqualTo(200);
        assertThat(json(response.body()).get("username").asString()).isEqualTo(username);
    }

    private static String at(int port, String path) {
        return "http://localhost:" + port + path;
    }

    /** Another gateway on the same Redis, Keycloak and services, as a second replica would be. */
    private int startAnotherGateway() {
        return startAnotherGateway(LadderInfra.redisUrl());
    }

    private int startAnotherGateway(String redisUrl) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .profiles("local")
                .run("--server.port=0",
                        "--LADDER_ISSUER_URI=" + LadderInfra.issuerUri(),
                        "--LADDER_CATALOG_URL=" + CATALOG.baseUrl(),
                        "--LADDER_PROFILE_URL=" + PROFILE.baseUrl(),
                        "--LADDER_PROGRESS_URL=" + PROGRESS.baseUrl(),
                        "--LADDER_NOTIFICATION_URL=" + NOTIFICATION.baseUrl(),
                        "--LADDER_REDIS_URL=" + redisUrl);
        others.add(context);
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
