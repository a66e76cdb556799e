package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/me/personal-data: the gateway asks every service for its part with the caller's own token and returns
 * one document to download; a part that cannot be had fails the whole export instead of leaving it out.
 */
class PersonalDataExportTest extends GatewayTestSupport {

    static final String EXPORT = "/api/me/personal-data";

    @Test
    void aSignedInPersonDownloadsOneDocumentWithEveryServicesPartAskedWithTheirToken() {
        PROFILE.answer("/api/profiles/me/personal-data", 200, "{\"service\":\"profile-service\",\"person\":{}}");
        Browser alice = login("alice");

        HttpResponse<String> response = alice.get(gateway(EXPORT));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains("ladder-personal-data-");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode document = json(response.body());
        assertThat(document.path("format").asString()).isEqualTo("ladder.personal-data.v1");
        assertThat(document.path("generatedAt").asString()).isNotBlank();
        assertThat(document.path("services").propertyNames())
                .containsExactly("profile", "progress", "notifications", "catalog");
        assertThat(document.at("/services/profile/service").asString()).isEqualTo("profile-service");
        assertThat(document.at("/services/progress/stub").asBoolean()).isTrue();
        for (ServiceStub service : new ServiceStub[] {CATALOG, PROFILE, PROGRESS, NOTIFICATION}) {
            assertThat(service.received()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.path()).endsWith("/me/personal-data");
                assertThat(request.authorization()).startsWith("Bearer ");
                assertThat(request.cookie()).isNull();
            });
        }
        String relayed = PROFILE.received().get(0).authorization().substring("Bearer ".length());
        assertThat(document.path("subject").asString()).isEqualTo(claims(relayed).path("sub").asString());
        assertThat(claims(relayed).path("preferred_username").asString()).isEqualTo("alice");
    }

    @Test
    void aBearerCallerGetsTheSameDocumentAndAServiceKnowingNothingSaysSo() {
        String token = LadderInfra.accessToken("bob");
        CATALOG.answer("/api/catalog/me/personal-data", 404, "{\"status\":404}");

        HttpResponse<String> response = new Browser().get(gateway(EXPORT), "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode document = json(response.body());
        assertThat(document.path("subject").asString()).isEqualTo(claims(token).path("sub").asString());
        assertThat(document.at("/services/catalog/nothingHeld").asBoolean()).isTrue();
        assertThat(NOTIFICATION.received()).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + token));
    }

    @Test
    void aServiceThatFailsFailsTheWholeExportWithAProblemAndAnonymousCallersAreRefused() {
        String token = LadderInfra.accessToken("alice");
        PROGRESS.answer("/api/progress/me/personal-data", 500, "{\"status\":500}");

        HttpResponse<String> failed = new Browser().get(gateway(EXPORT), "Authorization", "Bearer " + token);

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(failed.body()).path("detail").asString()).contains("progress").contains("nothing was downloaded");

        HttpResponse<String> anonymous = new Browser().get(gateway(EXPORT), "Accept", "application/json");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
