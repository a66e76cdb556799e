package dev.ladder.catalog;

import dev.ladder.catalog.roadmap.SeedRoadmap;
import dev.ladder.contracts.Topics;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * One running service (real PostgreSQL, Kafka and Keycloak) shared by the admin API tests: the subclasses inherit
 * this configuration, so Spring's context cache starts the application once for all of them. They share its
 * database too, so each works on tracks of its own and none rewrites the seed track another one asserts on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CatalogApiTest {

    static final String TRACK = SeedRoadmap.TRACK_ID;
    static final String BASE = "/api/catalog/tracks/";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Watches the releases topic from before the application starts (once, with the shared context). */
    static KafkaProbe releases;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "catalog");
        releases = LadderInfra.probe(Topics.CATALOG_RELEASES);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** A request as {@code user} (null: anonymous) with an optional body and If-Match. */
    HttpResponse<String> send(String method, String path, String user, String body, String contentType,
                              String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            request.header("Authorization", "Bearer " + LadderInfra.accessToken(user));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType + ";charset=UTF-8");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
