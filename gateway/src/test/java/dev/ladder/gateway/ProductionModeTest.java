package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import dev.ladder.keycloak.TokenClient;
import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The gateway as deployed: not in local mode (so it starts only because its client secret is not the published
 * one), behind a TLS-terminating proxy on this machine's loopback address, which {@code LADDER_TRUSTED_PROXIES}
 * names. What the proxy says about the original request decides the cookies' Secure flag and the redirect URI;
 * tokens of the local-only password-grant client are refused at the door.
 */
@TestPropertySource(properties = {
        "spring.profiles.active=production",
        "LADDER_KEYCLOAK_CLIENT_SECRET=a-secret-of-the-operators-own",
        "LADDER_TRUSTED_PROXIES=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1"})
class ProductionModeTest extends GatewayTestSupport {

    private static final String[] TLS_PROXY = {
            "X-Forwarded-Proto", "https", "X-Forwarded-Host", "portal.example.com", "X-Forwarded-Port", "443"};

    @Test
    void behindATlsProxyTheCookiesAreSecureAndKeycloakIsGivenTheHttpsRedirectUri() {
        Browser browser = new Browser();

        HttpResponse<String> portal = browser.get(gateway("/"), with(TLS_PROXY, "Accept", "text/html"));
        assertThat(cookie(portal, "XSRF-TOKEN")).contains("; secure", "; samesite=lax").doesNotContain("httponly");
        assertThat(portal.headers().firstValue("Strict-Transport-Security")).isPresent();

        HttpResponse<String> login = browser.get(gateway("/oauth2/authorization/keycloak"),
                with(TLS_PROXY, "Accept", "text/html"));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(Browser.location(login).toString()).startsWith(LadderInfra.issuerUri());
        assertThat(redirectUri(login)).isEqualTo("https://portal.example.com/login/oauth2/code/keycloak");
        assertThat(cookie(login, "SESSION")).contains("; secure", "; httponly", "; samesite=lax");
    }

    @Test
    void theStandardForwardedHeaderIsHonouredToo() {
        HttpResponse<String> login = new Browser().get(gateway("/oauth2/authorization/keycloak"),
                "Forwarded", "for=203.0.113.7;proto=https;host=portal.example.com", "Accept", "text/html");

        assertThat(redirectUri(login)).isEqualTo("https://portal.example.com/login/oauth2/code/keycloak");
        assertThat(cookie(login, "SESSION")).contains("; secure");
    }

    @Test
    void overPlainHttpWithoutAProxyTheCookiesAreNotSecureSoTheyStillWork() {
        Browser browser = new Browser();

        HttpResponse<String> portal = browser.get(gateway("/"), "Accept", "text/html");
        assertThat(cookie(portal, "XSRF-TOKEN")).contains("; samesite=lax").doesNotContain("secure");
        assertThat(portal.headers().firstValue("Strict-Transport-Security")).isEmpty();

        HttpResponse<String> login = browser.get(gateway("/oauth2/authorization/keycloak"), "Accept", "text/html");
        assertThat(redirectUri(login)).isEqualTo(gateway("/login/oauth2/code/keycloak"));
        assertThat(cookie(login, "SESSION")).contains("; httponly", "; samesite=lax").doesNotContain("secure");
    }

    @Test
    void aTokenOfTheLocalPasswordGrantClientIsRefusedAtTheDoorLikeAnyBadToken() {
        String cli = LadderInfra.accessToken("alice");
        assertThat(claims(cli).get("azp").asString()).isEqualTo("ladder-cli");

        HttpResponse<String> refused = new Browser().get(gateway("/api/profiles/me"), "Authorization", "Bearer " + cli);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(json(refused.body()).get("detail").asString())
                .isEqualTo("The bearer token is missing, expired or not valid");
        assertThat(PROFILE.received()).isEmpty();

        // any other client's token still passes: the provisioning client's, on its SCIM route
        String machine = new TokenClient(LadderInfra.issuerUri())
                .clientCredentialsToken("ladder-provisioner", "ladder-provisioner-secret");
        HttpResponse<String> passed = new Browser().get(gateway("/scim/v2/Users"), "Authorization", "Bearer " + machine);
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(PROFILE.received()).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + machine));
    }

    @Test
    void theServicesAreToldThePublicAddressTheProxyReported() {
        String machine = new TokenClient(LadderInfra.issuerUri())
                .clientCredentialsToken("ladder-provisioner", "ladder-provisioner-secret");

        HttpResponse<String> response = new Browser().get(gateway("/scim/v2/Users"),
                with(TLS_PROXY, "X-Forwarded-For", "203.0.113.7", "Authorization", "Bearer " + machine));

        assertThat(response.statusCode()).isEqualTo(200);
        // what profile-service builds SCIM's meta.location and Location from
        assertThat(PROFILE.received()).singleElement().satisfies(request -> {
            assertThat(request.header("X-Forwarded-Proto")).isEqualTo("https");
            assertThat(request.header("X-Forwarded-Host")).isEqualTo("portal.example.com");
            assertThat(request.header("X-Forwarded-Port")).isEqualTo("443");
            assertThat(request.header("X-Forwarded-For")).startsWith("203.0.113.7");
        });
    }

    static String[] with(String[] headers, String... more) {
        String[] all = new String[headers.length + more.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    /**
     * The one Set-Cookie header of that cookie, with its attributes, in lower case: attribute names are
     * case-insensitive (RFC 6265) and Netty writes "HTTPOnly".
     */
    static String cookie(HttpResponse<?> response, String name) {
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "=")).toList();
        assertThat(cookies).as("Set-Cookie %s in %s", name, response.headers().allValues("Set-Cookie")).hasSize(1);
        return cookies.get(0).toLowerCase(Locale.ROOT);
    }

    /** The redirect_uri the gateway sends the browser to Keycloak with. */
    static String redirectUri(HttpResponse<?> authorizationRedirect) {
        String query = Browser.location((HttpResponse<String>) authorizationRedirect).getRawQuery();
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("redirect_uri=")) {
                return URLDecoder.decode(parameter.substring("redirect_uri=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no redirect_uri in " + query);
    }
}
