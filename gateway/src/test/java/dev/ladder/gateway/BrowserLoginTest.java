package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A browser logs in through Keycloak's own login form; the gateway keeps the tokens in its session. */
class BrowserLoginTest extends GatewayTestSupport {

    @Test
    void afterLoginThePortalIsServedWithAReadableCsrfCookie() {
        Browser browser = login("alice");

        HttpResponse<String> portal = browser.get(gateway("/"), "Accept", "text/html");

        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(portal.body()).contains("id=\"record-form\"", "id=\"readiness-percent\"");
        assertThat(browser.cookie("SESSION")).isPresent();
        assertThat(browser.cookie("XSRF-TOKEN")).isPresent();
        assertThat(portal.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("XSRF-TOKEN="))
                .allSatisfy(c -> assertThat(c).doesNotContainIgnoringCase("HttpOnly"));
    }

    @Test
    void sessionShowsWhoIsLoggedInWithRealmRoles() {
        Browser browser = login("mark");

        HttpResponse<String> response = browser.get(gateway("/session"), "Accept", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode session = json(response.body());
        assertThat(session.get("username").asString()).isEqualTo("mark");
        assertThat(session.get("name").asString()).isEqualTo("Mark Meyer");
        assertThat(session.get("email").asString()).isEqualTo("mark@ladder.local");
        assertThat(session.get("id").asString()).isEqualTo("22222222-2222-4222-8222-222222222222");
        assertThat(session.get("roles").valueStream().map(JsonNode::asString))
                .contains("employee", "manager").doesNotContain("admin");
    }

    @Test
    void apiCallsFromTheSessionAreRelayedWithItsAccessToken() {
        Browser browser = login("alice");

        HttpResponse<String> response = browser.get(gateway("/api/profiles/me"), "Accept", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        ServiceStub.Received relayed = PROFILE.received().get(0);
        assertThat(relayed.authorization()).startsWith("Bearer ");
        JsonNode claims = claims(relayed.authorization().substring("Bearer ".length()));
        assertThat(claims.get("preferred_username").asString()).isEqualTo("alice");
        assertThat(claims.get("iss").asString()).isEqualTo(LadderInfra.issuerUri());
        assertThat(claims.get("aud").toString()).contains("ladder-api");
        assertThat(relayed.cookie()).as("the gateway's cookies stay at the gateway").isNull();
    }

    @Test
    void writesNeedTheCsrfHeader() {
        Browser browser = login("alice");
        String body = "{\"certificationId\":\"comptia-security-plus\"}";

        HttpResponse<String> without = browser.post(gateway("/api/profiles/me/certifications"), "application/json", body);
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(PROFILE.received()).isEmpty();

        HttpResponse<String> wrong = browser.post(gateway("/api/profiles/me/certifications"), "application/json", body,
                "X-XSRF-TOKEN", "not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(PROFILE.received()).isEmpty();

        HttpResponse<String> with = browser.post(gateway("/api/profiles/me/certifications"), "application/json", body,
                "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN").orElseThrow());
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(PROFILE.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.body()).isEqualTo(body);
            assertThat(request.authorization()).startsWith("Bearer ");
        });
    }

    @Test
    void logoutEndsTheSessionAtTheGatewayAndAtKeycloak() {
        Browser browser = login("alice");
        String csrf = browser.cookie("XSRF-TOKEN").orElseThrow();

        assertThat(browser.postForm(gateway("/logout"), java.util.Map.of()).statusCode())
                .as("logout needs the CSRF token").isEqualTo(403);

        HttpResponse<String> logout = browser.postForm(gateway("/logout"), java.util.Map.of("_csrf", csrf));
        assertThat(logout.statusCode()).isEqualTo(302);
        String endSession = Browser.location(logout).toString();
        assertThat(endSession).startsWith(LadderInfra.issuerUri() + "/protocol/openid-connect/logout?")
                .contains("id_token_hint=", "post_logout_redirect_uri=http://localhost:" + port + "/");

        // Keycloak ends its session and sends the browser back to the portal, signed out: the page's script sends
        // it to the login start, and Keycloak asks for a new login (its own session is gone, so no silent sign-in).
        HttpResponse<String> back = browser.get(endSession, "Accept", "text/html");
        assertThat(Browser.isRedirect(back)).as("Keycloak redirects without a confirmation page").isTrue();
        assertThat(Browser.location(back).toString()).isEqualTo(gateway("/"));
        assertThat(browser.follow(back).statusCode()).isEqualTo(200);
        HttpResponse<String> afterwards = browser.follow(
                browser.get(gateway("/oauth2/authorization/keycloak"), "Accept", "text/html"));
        assertThat(afterwards.uri().toString()).startsWith(LadderInfra.issuerUri());
        assertThat(afterwards.body()).contains("kc-form-login");

        assertThat(browser.get(gateway("/session"), "Accept", "application/json").statusCode()).isEqualTo(401);
    }
}
