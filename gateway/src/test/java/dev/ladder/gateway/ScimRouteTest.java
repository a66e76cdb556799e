package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.ladder.keycloak.TokenClient;
import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;

/** HR systems reach profile-service's SCIM endpoint through the gateway with a client-credentials token. */
class ScimRouteTest extends GatewayTestSupport {

    @Test
    void aProvisionerTokenIsRoutedUnchangedWithoutSessionOrCsrf() throws Exception {
        String token = clientCredentialsToken();
        assertThat(claims(token).get("aud").toString()).contains("ladder-api");
        assertThat(claims(token).get("realm_access").get("roles").toString()).contains("provisioner");

        // a client's own X-Forwarded-* are not trusted (no proxy is configured in front of this gateway)
        HttpResponse<String> response = new Browser().post(gateway("/scim/v2/Users"), "application/scim+json",
                "{\"userName\":\"x\"}", "Authorization", "Bearer " + token, "X-Forwarded-Host", "evil.example");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(PROFILE.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/scim/v2/Users");
            assertThat(request.authorization()).isEqualTo("Bearer " + token);
            // the public address, from which profile-service writes the resources' meta.location
            assertThat(request.header("X-Forwarded-Host")).isEqualTo("localhost:" + port);
            assertThat(request.header("X-Forwarded-Proto")).isEqualTo("http");
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

    private static String clientCredentialsToken() {
        return new TokenClient(LadderInfra.issuerUri())
                .clientCredentialsToken("ladder-provisioner", "ladder-provisioner-secret");
    }
}
