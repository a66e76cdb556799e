package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;

/** HR systems reach profile-service's SCIM endpoint through the gateway with a client-credentials token. */
class ScimRouteTest extends GatewayTestSupport {

    @Test
    void aProvisionerTokenIsRoutedUnchangedWithoutSessionOrCsrf() throws Exception {
        String token = clientCredentialsToken();
        assertThat(claims(token).get("aud").toString()).contains("ladder-api");
        assertThat(claims(token).get("realm_access").get("roles").toString()).contains("provisioner");

        HttpResponse<String> response = new Browser().post(gateway("/scim/v2/Users"), "application/scim+json",
                "{\"userName\":\"x\"}", "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(PROFILE.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/scim/v2/Users");
            assertThat(request.authorization()).isEqualTo("Bearer " + token);
        });
        assertThat(Browser.setCookieNames(response)).doesNotContain("SESSION", "XSRF-TOKEN");
    }

    @Test
    void withoutATokenItIsA401ScimErrorNotALoginRedirect() {
        for (String authorization : new String[] {null, "Bearer not-a-jwt"}) {
            HttpResponse<String> response = authorization == null
                    ? new Browser().get(gateway("/scim/v2/Users"), "Accept", "text/html")
                    : new Browser().get(gateway("/scim/v2/Users"), "Authorization", authorization);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/scim+json");
            assertThat(json(response.body()).get("schemas").get(0).asString())
                    .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
            assertThat(json(response.body()).get("status").asString()).isEqualTo("401");
        }
        assertThat(PROFILE.received()).isEmpty();
    }

    private static String clientCredentialsToken() throws Exception {
        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(LadderInfra.issuerUri() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                        + "&client_id=ladder-provisioner&client_secret=ladder-provisioner-secret"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return json(tokens.body()).get("access_token").asString();
    }
}
