package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;

/** Scripts and other systems call /api/** with their own Keycloak token. */
class BearerApiTest extends GatewayTestSupport {

    @Test
    void bearerCallIsRoutedWithTheSameTokenAndWithoutSession() {
        String token = LadderInfra.accessToken("alice");
        Browser client = new Browser();

        HttpResponse<String> response = client.get(gateway("/api/profiles/me"), "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"stub\":true");
        assertThat(PROFILE.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/api/profiles/me");
            assertThat(request.authorization()).isEqualTo("Bearer " + token);
        });
        assertThat(Browser.setCookieNames(response)).doesNotContain("SESSION", "XSRF-TOKEN");
    }

    @Test
    void eachServiceGetsItsOwnPathsUnstripped() {
        String authorization = "Bearer " + LadderInfra.accessToken("alice");
        Browser client = new Browser();

        client.get(gateway("/api/catalog/certifications"), "Authorization", authorization);
        client.get(gateway("/api/profiles/teams/mine"), "Authorization", authorization);
        client.get(gateway("/api/progress/me"), "Authorization", authorization);
        client.get(gateway("/api/notifications/me"), "Authorization", authorization);

        assertThat(CATALOG.received()).extracting(ServiceStub.Received::path).containsExactly("/api/catalog/certifications");
        assertThat(PROFILE.received()).extracting(ServiceStub.Received::path).containsExactly("/api/profiles/teams/mine");
        assertThat(PROGRESS.received()).extracting(ServiceStub.Received::path).containsExactly("/api/progress/me");
        assertThat(NOTIFICATION.received()).extracting(ServiceStub.Received::path).containsExactly("/api/notifications/me");
    }

    @Test
    void bearerPostNeedsNoCsrfToken() {
        String token = LadderInfra.accessToken("alice");

        HttpResponse<String> response = new Browser().post(gateway("/api/notifications/n-1/read"), "application/json",
                "{}", "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(NOTIFICATION.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.authorization()).isEqualTo("Bearer " + token);
        });
    }

    @Test
    void forgedOrGarbageTokensAre401() {
        String[] parts = LadderInfra.accessToken("alice").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"alice\"", "\"ada\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        for (String token : List.of(forged, "not-a-jwt", parts[0] + "." + parts[1] + ".")) {
            HttpResponse<String> response = new Browser().get(gateway("/api/profiles/me"),
                    "Authorization", "Bearer " + token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(PROFILE.received()).isEmpty();
    }

    @Test
    void idTokenIsRejectedBecauseItIsNotForLadderApi() throws Exception {
        // Signed by the right Keycloak for the right user, but its audience is the client, not ladder-api.
        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(LadderInfra.issuerUri() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=ladder-cli&username=alice&password=alice&scope=openid"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String idToken = json(tokens.body()).get("id_token").asString();
        assertThat(claims(idToken).get("aud").toString()).doesNotContain("ladder-api");

        HttpResponse<String> response = new Browser().get(gateway("/api/profiles/me"),
                "Authorization", "Bearer " + idToken);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(PROFILE.received()).isEmpty();
    }

    /** A request declaring more than the gateway's limit (8 MB) is a 413 problem; no service sees it. */
    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeAnyService() {
        String token = LadderInfra.accessToken("alice");

        HttpResponse<String> response = new Browser().post(gateway("/api/profiles/me/certifications"),
                "application/json", "{\"x\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}", "Authorization",
                "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("larger than 8388608 bytes");
        assertThat(PROFILE.received()).isEmpty();
    }
}
