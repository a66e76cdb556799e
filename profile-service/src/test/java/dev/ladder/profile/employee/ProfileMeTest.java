package dev.ladder.profile.employee;

import dev.ladder.profile.Api;
import dev.ladder.profile.ProfileServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileMeTest extends ProfileServiceTest {

    @Test
    void aliceSeesHerDemoProfileWithTeamManagerAndRoles() {
        Api.Response response = api.get("/api/profiles/me", "alice");

        assertThat(response.status()).isEqualTo(200);
        JsonNode me = response.json();
        assertThat(me.path("id").asString()).isEqualTo(ALICE);
        assertThat(me.path("displayName").asString()).isEqualTo("Alice Anders");
        assertThat(me.path("email").asString()).isEqualTo("alice@ladder.local");
        assertThat(me.path("teamId").asString()).isEqualTo("ai-security");
        assertThat(me.path("teamName").asString()).isEqualTo("AI Security");
        assertThat(me.path("managerId").asString()).isEqualTo(MARK);
        assertThat(me.path("trackId").asString()).isEqualTo("ai-ml-security-specialist");
        assertThat(me.path("region").asString()).isEqualTo("united-states");
        assertThat(me.path("startDate").asString()).isEqualTo("2024-09-01");
        assertThat(me.path("roles").values()).extracting(JsonNode::asString).contains("employee");
    }

    @Test
    void markHasNoManagerAndTheManagerRole() {
        JsonNode me = api.get("/api/profiles/me", "mark").json();

        assertThat(me.path("managerId").isNull()).isTrue();
        assertThat(me.path("roles").values()).extracting(JsonNode::asString).contains("employee", "manager");
    }

    @Test
    void markSeesTheTeamHeManagesWithItsMembers() {
        Api.Response response = api.get("/api/profiles/teams/mine", "mark");

        assertThat(response.status()).isEqualTo(200);
        JsonNode teams = response.json().path("items");
        assertThat(teams.size()).isEqualTo(1);
        assertThat(response.json().path("total").asLong()).isEqualTo(1);
        JsonNode team = teams.path(0);
        assertThat(team.path("id").asString()).isEqualTo("ai-security");
        assertThat(team.path("name").asString()).isEqualTo("AI Security");
        assertThat(team.path("managerId").asString()).isEqualTo(MARK);
        assertThat(team.at("/members/total").asLong()).isEqualTo(2);
        assertThat(team.at("/members/items").values()).extracting(m -> m.path("id").asString())
                .containsExactlyInAnyOrder(ALICE, BOB);
        JsonNode bob = team.at("/members/items").values().stream()
                .filter(m -> m.path("id").asString().equals(BOB)).findFirst().orElseThrow();
        assertThat(bob.path("displayName").asString()).isEqualTo("Bob Berg");
        assertThat(bob.path("email").asString()).isEqualTo("bob@ladder.local");
        assertThat(bob.path("startDate").asString()).isEqualTo("2021-03-01");
    }

    @Test
    void anInvalidTokenIsUnauthorized() {
        String forged = Api.token("alice");
        // flip a character of the signature: the token is well-formed but no longer Keycloak's
        char last = forged.charAt(forged.length() - 2);
        forged = forged.substring(0, forged.length() - 2) + (last == 'A' ? 'B' : 'A') + forged.charAt(forged.length() - 1);

        Api.Response response = api.getWithBearer("/api/profiles/me", forged);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void theServicePublishesItsOpenApiAndReadiness() {
        // the API description is for admins: anonymous 401, an employee 403
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(401);
        assertThat(api.get("/v3/api-docs", "alice").status()).isEqualTo(403);
        Api.Response openApi = api.get("/v3/api-docs", "ada");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.raw()).contains("/api/profiles/me/certifications", "/api/profiles/teams/mine");

        Api.Response readiness = api.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
    }

    /** Bodies are bounded (the kit's RequestBodyLimit, 1 MB): a clear 413, with or without a declared length. */
    @Test
    void aBodyOverTheLimitIsRefusedWith413AndStoresNothing() throws Exception {
        long before = count("select count(*) from certification_record");
        String tooLarge = "{\"certificationId\":\"ceh\",\"issuer\":\"" + "x".repeat(1_100_000) + "\"}";
        HttpClient http = HttpClient.newHttpClient();
        for (boolean declared : new boolean[] {true, false}) {
            byte[] bytes = tooLarge.getBytes(StandardCharsets.UTF_8);
            HttpRequest.BodyPublisher body = declared
                    ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                    // no Content-Length: sent in chunks, cut off where it passes the limit
                    : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/profiles/me/certifications"))
                    .header("Authorization", "Bearer " + Api.token("alice"))
                    .header("Content-Type", "application/json").POST(body).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("declared length: " + declared).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("larger than 1048576 bytes");
        }
        assertThat(count("select count(*) from certification_record")).isEqualTo(before);
    }
}
