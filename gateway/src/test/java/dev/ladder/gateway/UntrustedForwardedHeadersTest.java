package dev.ladder.gateway;

import static dev.ladder.gateway.ProductionModeTest.cookie;
import static dev.ladder.gateway.ProductionModeTest.redirectUri;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/**
 * A client that is not a trusted proxy (no proxy is configured for this gateway) cannot choose the scheme or host
 * the gateway believes it was called with: not the host Keycloak is asked to send the code to, not the cookies.
 */
class UntrustedForwardedHeadersTest extends GatewayTestSupport {

    private static final String[] SPOOFED = {
            "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example", "X-Forwarded-Port", "443",
            "Forwarded", "proto=https;host=evil.example", "Accept", "text/html"};

    @Test
    void forwardedHeadersFromADirectClientChangeNothing() {
        Browser browser = new Browser();

        HttpResponse<String> portal = browser.get(gateway("/"), SPOOFED);
        assertThat(cookie(portal, "XSRF-TOKEN")).doesNotContain("secure");
        assertThat(portal.headers().firstValue("Strict-Transport-Security")).isEmpty();

        HttpResponse<String> login = browser.get(gateway("/oauth2/authorization/keycloak"), SPOOFED);
        assertThat(redirectUri(login)).isEqualTo(gateway("/login/oauth2/code/keycloak"));
        assertThat(cookie(login, "SESSION")).doesNotContain("secure");
    }
}
