package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.e2e.Gateway.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import static dev.ladder.keycloak.DemoUsers.ADA;
import static dev.ladder.keycloak.DemoUsers.ALICE;
import static dev.ladder.keycloak.DemoUsers.BOB;
import static dev.ladder.keycloak.DemoUsers.MARK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The spine through the gateway as an API client sees it: real Keycloak tokens, every hop real (gateway →
 * profile-service → outbox → Kafka → progress-service → Kafka → notification-service).
 */
class ApiThroughGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Platform platform;
    private static Gateway gateway;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        gateway = new Gateway(platform.gatewayUrl());
    }

    @Test
    void aRecordedCertificationRaisesReadinessAndAnnouncesTheMilestone() {
        RunningPlatform.awaitDemoOrganisationApplied();
        String bob = RunningPlatform.token(BOB);
        // Bob (five years in, per the demo org) starts with the experience requirement of Mid-Level met.
        JsonNode before = awaitProgress(bob, 33);
        assertThat(before.path("nextLevel").path("id").asString()).isEqualTo("mid");

        Reply recorded = gateway.post("/api/profiles/me/certifications", bob, """
                {"certificationId":"comptia-security-plus","credentialId":"COMP-BOB-0001","issuer":"CompTIA",
                 "issuedOn":"2026-01-15","expiresOn":"2029-01-15"}""");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat(recorded.json().path("certificationName").asString()).isEqualTo("CompTIA Security+");
        assertThat(recorded.json().path("state").asString()).isEqualTo("PENDING");

        // The track's policy: a self-declared certification counts once his manager verified it. Until then the
        // requirement is pending, and the readiness stays where it was.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                gateway.get("/api/progress/me", bob).json().findValuesAsString("status")).contains("PENDING"));
        assertThat(gateway.get("/api/progress/me", bob).json().path("readinessPercent").asInt()).isEqualTo(33);
        String claim = recorded.json().path("id").asString();
        assertThat(gateway.post("/api/profiles/verification/certifications/" + claim + "/verify", bob, "{}")
                .status()).as("nobody verifies their own claim").isEqualTo(403);
        Reply verified = gateway.post("/api/profiles/verification/certifications/" + claim + "/verify",
                RunningPlatform.token(MARK), "{}");
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);

        JsonNode after = awaitProgress(bob, 66);
        assertThat(after.path("groups").findValuesAsString("id")).contains("mid-certifications");

        AtomicReference<JsonNode> milestone = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply notifications = gateway.get("/api/notifications/me", bob);
            assertThat(notifications.status()).isEqualTo(200);
            List<JsonNode> crossed = new ArrayList<>();
            notifications.json().forEach(n -> {
                if (n.path("message").asString().contains("66%")) {
                    crossed.add(n);
                }
            });
            assertThat(crossed).hasSize(1);
            milestone.set(crossed.get(0));
        });
        assertThat(milestone.get().path("kind").asString()).isEqualTo("READINESS_THRESHOLD_CROSSED");
        assertThat(milestone.get().path("read").asBoolean()).isFalse();

        Reply mine = gateway.get("/api/profiles/me/certifications", bob);
        assertThat(mine.json().findValuesAsString("credentialId")).containsExactly("COMP-BOB-0001");
    }

    @Test
    void badInputIsRejectedPreciselyAndStoresNothing() {
        // profile-service knows the catalog: each refusal below is for the reason the test names
        RunningPlatform.awaitDemoOrganisationApplied();
        String alice = RunningPlatform.token(ALICE);

        Reply malformed = gateway.post("/api/profiles/me/certifications", alice, "{\"certificationId\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        Reply missing = gateway.post("/api/profiles/me/certifications", alice, "{\"issuer\":\"x\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").findValuesAsString("field"))
                .contains("certificationId", "credentialId", "issuedOn");

        Reply unknown = gateway.post("/api/profiles/me/certifications", alice, """
                {"certificationId":"no-such-cert","credentialId":"BAD-E2E-1","issuedOn":"2026-01-15"}""");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("errors").findValuesAsString("field")).contains("certificationId");

        Reply inverted = gateway.post("/api/profiles/me/certifications", alice, """
                {"certificationId":"ceh","credentialId":"BAD-E2E-2","issuedOn":"2026-01-15",
                 "expiresOn":"2025-01-15"}""");
        assertThat(inverted.status()).isEqualTo(422);
        assertThat(inverted.json().path("errors").findValuesAsString("field")).containsExactly("expiresOn");

        Reply stored = gateway.get("/api/profiles/me/certifications", alice);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().findValuesAsString("credentialId")).noneMatch(id -> id.startsWith("BAD-E2E"));
    }

    @Test
    void identityRolesAndOwnershipAreEnforcedAtEveryDoor() {
        // progress-service knows who manages whom (and profile-service the teams) before ownership is judged
        RunningPlatform.awaitDemoOrganisationApplied();
        assertThat(gateway.get("/api/profiles/me", null).status()).isEqualTo(401);
        assertThat(gateway.get("/api/progress/me", "not-a-token").status()).isEqualTo(401);

        String alice = RunningPlatform.token(ALICE);
        assertThat(gateway.get("/api/profiles/teams/mine", alice).status()).as("employee on a manager endpoint")
                .isEqualTo(403);
        assertThat(gateway.get("/api/profiles/" + BOB.id() + "/certifications", alice).status())
                .as("another employee's records answer as if he did not exist").isEqualTo(404);
        assertThat(gateway.get("/api/progress/employees/" + BOB.id(), alice).status()).isEqualTo(403);

        String mark = RunningPlatform.token(MARK);
        assertThat(gateway.get("/api/progress/employees/" + ALICE.id(), mark).status())
                .as("a manager reads their report").isEqualTo(200);
        Reply team = gateway.get("/api/profiles/teams/mine", mark);
        assertThat(team.status()).isEqualTo(200);
        assertThat(team.json().path("items").findValuesAsString("id")).contains(ALICE.id(), BOB.id());

        String ada = RunningPlatform.token(ADA);
        assertThat(gateway.get("/api/profiles/" + ALICE.id() + "/certifications", ada).status()).isEqualTo(200);
    }

    @Test
    void aBrowserWithoutSessionGetsThePortalWhichStartsTheLoginAndOtherPagesAreSentThere() {
        // the portal's page runs signed out (it keeps a deep link across the login) and has no data of its own
        Reply portal = gateway.page("/");
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.body()).contains("<script type=\"module\" src=\"/assets/app.js\">");
        assertThat(gateway.get("/session", null).status()).isEqualTo(401);
        // any other page: Spring sends the browser to its own authorization endpoint, which redirects to Keycloak
        Reply page = gateway.page("/reports");
        assertThat(page.status()).isEqualTo(302);
        String location = page.location().replaceFirst("^https?://[^/]+", "");
        assertThat(location).isEqualTo("/oauth2/authorization/keycloak");
        Reply authorization = gateway.get(location, null);
        assertThat(authorization.status()).isEqualTo(302);
        assertThat(authorization.location())
                .startsWith(platform.issuerUri() + "/protocol/openid-connect/auth")
                .contains("client_id=ladder-gateway");
    }

    @Test
    void largeAnswersAreGzippedForClientsThatAcceptIt() throws Exception {
        String alice = RunningPlatform.token(ALICE);
        String path = "/api/catalog/tracks/ai-ml-security-specialist";
        HttpResponse<byte[]> gzipped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.gatewayUrl() + path)).header("Authorization", "Bearer " + alice)
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unzipped;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            unzipped = in.readAllBytes();
        }

        Reply plain = gateway.get(path, alice); // no Accept-Encoding: the answer as it is
        assertThat(plain.status()).isEqualTo(200);
        assertThat(JSON.readTree(unzipped)).isEqualTo(plain.json());
        assertThat(gzipped.body().length).isLessThan(plain.body().length() / 3);
    }

    @Test
    void everyServicePublishesItsOpenApiDocumentToAdminsAndHealthToAll() {
        String ada = RunningPlatform.token(ADA);
        String alice = RunningPlatform.token(ALICE);
        for (var service : dev.ladder.devstack.Service.values()) {
            String base = platform.url(service);
            assertThat(new Gateway(base).get("/actuator/health/readiness", null).json().path("status").asString())
                    .as(service + " readiness").isEqualTo("UP");
            if (service != dev.ladder.devstack.Service.GATEWAY) {
                assertThat(new Gateway(base).get("/v3/api-docs", null).status()).as(service + " OpenAPI, anonymous")
                        .isEqualTo(401);
                assertThat(new Gateway(base).get("/v3/api-docs", alice).status()).as(service + " OpenAPI, employee")
                        .isEqualTo(403);
                Reply api = new Gateway(base).get("/v3/api-docs", ada);
                assertThat(api.status()).as(service + " OpenAPI").isEqualTo(200);
                assertThat(api.json().path("paths").size()).isPositive();
            }
        }
    }

    private static JsonNode awaitProgress(String token, int readiness) {
        AtomicReference<JsonNode> result = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply progress = gateway.get("/api/progress/me", token);
            assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
            assertThat(progress.json().path("readinessPercent").asInt()).isEqualTo(readiness);
            result.set(progress.json());
        });
        return result.get();
    }
}
