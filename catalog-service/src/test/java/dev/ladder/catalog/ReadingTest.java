package dev.ladder.catalog;

import dev.ladder.catalog.roadmap.SeedRoadmap;
import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Fine-grained reads and search of the published seed, with caching headers, against the real stack. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadingTest {

    private static final String TRACK = "/api/catalog/tracks/" + SeedRoadmap.TRACK_ID;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "catalog");
    }

    @LocalServerPort
    int port;

    @Test
    void salariesByRegionKeepTheOpenEndedNumber() throws Exception {
        HttpResponse<String> response = get(TRACK + "/salaries?region=europe", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode bands = JSON.readTree(response.body());
        assertThat(bands).hasSize(4);
        assertThat(bands.get(0).get("currency").asString()).isEqualTo("EUR");
        assertThat(bands.get(3).get("levelId").asString()).isEqualTo("executive");
        assertThat(bands.get(3).get("max").asLong()).isEqualTo(250_000);
        assertThat(bands.get(3).get("openEnded").asBoolean()).isTrue();
        assertThat(get(TRACK + "/salaries?region=atlantis", null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get(TRACK + "/salaries", null).body())).hasSize(12);
    }

    @Test
    void levelsSkillsAndCertificationsOfTheLatestVersion() throws Exception {
        assertThat(ids(JSON.readTree(get(TRACK + "/levels", null).body())))
                .containsExactly("entry", "mid", "senior", "executive");
        assertThat(JSON.readTree(get(TRACK + "/levels/senior", null).body()).get("minYears").asInt()).isEqualTo(6);
        assertThat(get(TRACK + "/levels/intern", null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get(TRACK + "/skills", null).body())).hasSize(23);
        JsonNode certifications = JSON.readTree(get(TRACK + "/certifications", null).body());
        assertThat(certifications).hasSize(12);
        assertThat(certifications.get(6).get("id").asString()).isEqualTo("oscp");
        assertThat(certifications.get(6).get("renewalMonths").isNull()).isTrue();
        assertThat(certifications.get(3).get("renewalMonths").asInt()).isEqualTo(36);
    }

    @Test
    void searchFindsTracksLevelsSkillsAndCertificationsAndIsCacheable() throws Exception {
        HttpResponse<String> response = get("/api/catalog/search?q=security", null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> kinds = new ArrayList<>();
        JSON.readTree(response.body()).get("items").forEach(hit -> kinds.add(hit.get("kind").asString()));
        assertThat(kinds).contains("TRACK", "SKILL", "CERTIFICATION");
        assertThat(JSON.readTree(get("/api/catalog/search?q=senior", null).body()).get("items").get(0).get("kind")
                .asString())
                .isEqualTo("LEVEL");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=60, private");
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/api/catalog/search?q=security", etag).statusCode()).isEqualTo(304);
        assertThat(get("/api/catalog/search?q=", null).statusCode()).isEqualTo(400);

        // any text is a query, and its answer's tag is still a valid header (CR/LF and other scripts in it once
        // made the service fail while writing the ETag: a 500, found by the e2e fuzzer)
        for (String hostile : List.of("security%0D%0ASet-Cookie:%20x=1", "%E2%80%AEevil%E2%82%AC", "a,%0Ab")) {
            HttpResponse<String> odd = get("/api/catalog/search?q=" + hostile, null);
            assertThat(odd.statusCode()).as(hostile).isEqualTo(200);
            assertThat(odd.headers().firstValue("ETag").orElseThrow()).as(hostile).matches("\"[A-Za-z0-9-]+\"");
            assertThat(odd.headers().map()).as(hostile).doesNotContainKey("set-cookie");
        }
    }

    @Test
    void openApiDescribesEveryEndpoint() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v3/api-docs"))
                .header("Authorization", "Bearer " + LadderInfra.accessToken("ada")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode paths = JSON.readTree(response.body()).get("paths");
        for (String path : List.of("/api/catalog/tracks/import", "/api/catalog/tracks/{trackId}/draft",
                "/api/catalog/tracks/{trackId}/draft/validate", "/api/catalog/tracks/{trackId}/publish",
                "/api/catalog/tracks/{trackId}/draft/release-preview",
                "/api/catalog/tracks/{trackId}/versions", "/api/catalog/tracks/{trackId}/versions/{version}",
                "/api/catalog/tracks/{trackId}/diff", "/api/catalog/tracks/{trackId}/history",
                "/api/catalog/tracks/{trackId}/export", "/api/catalog/tracks/{trackId}/salaries",
                "/api/catalog/search")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.get("/api/catalog/tracks/{trackId}/draft").get("put").get("responses").has("412"))
                .isTrue();
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.get("id").asString()));
        return ids;
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + LadderInfra.accessToken("alice"));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
