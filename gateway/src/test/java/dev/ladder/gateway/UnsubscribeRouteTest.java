package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/**
 * An e-mail's one-click unsubscribe (RFC 8058) reaches notification-service without a session, a token or a CSRF
 * token: mail providers POST it on their own, and the signed token in the link is the authority there.
 */
class UnsubscribeRouteTest extends GatewayTestSupport {

    @Test
    void theOneClickPostPassesWithoutSessionTokenOrCsrfAndSetsNoCookie() {
        HttpResponse<String> response = new Browser().post(
                gateway("/api/notifications/unsubscribe?token=v1.abc.def"), "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(NOTIFICATION.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).startsWith("/api/notifications/unsubscribe");
            assertThat(request.authorization()).isNull();
        });
        assertThat(Browser.setCookieNames(response)).doesNotContain("SESSION", "XSRF-TOKEN");
    }

    @Test
    void onlyThatPathIsOpen() {
        HttpResponse<String> other = new Browser().post(gateway("/api/notifications/me/read-all"),
                "application/x-www-form-urlencoded", "");

        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(NOTIFICATION.received()).isEmpty();
    }
}
