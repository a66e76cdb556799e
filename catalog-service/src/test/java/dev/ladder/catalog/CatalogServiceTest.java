package dev.ladder.catalog;

import dev.ladder.catalog.release.SeedRelease;
import dev.ladder.catalog.roadmap.SeedRoadmap;
import dev.ladder.catalog.seed.SeedProperties;
import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.metrics.LadderMeters;
import dev.ladder.kit.outbox.OutboxRelay;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import dev.ladder.testkit.Scrape;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as it runs: real PostgreSQL, Kafka and Keycloak. Startup imports the seed and publishes version 1
 * exactly once; the read API serves it to signed-in users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogServiceTest {

    private static final String TRACK = SeedRoadmap.TRACK_ID;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KafkaProbe releases;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "catalog");
        // watching from before the application starts, so the startup publication is seen
        releases = LadderInfra.probe(Topics.CATALOG_RELEASES);
    }

    @AfterAll
    static void closeProbe() {
        releases.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Autowired
    OutboxRelay relay;

    @Autowired
    SeedProperties seed;

    @Test
    void startupPublishesVersionOneOfTheSeedTrackAsACloudEvent() {
        ConsumerRecord<String, String> record = startupPublication();

        assertThat(record.key()).isEqualTo(TRACK);
        Map<String, String> headers = KafkaProbe.headers(record);
        assertThat(headers).containsEntry(CloudEventHeaders.SPEC_VERSION, "1.0")
                .containsEntry(CloudEventHeaders.TYPE, EventType.CATALOG_VERSION_PUBLISHED.id())
                .containsEntry(CloudEventHeaders.CONTENT_TYPE, "application/json")
                // the one source consumers accept a release from
                .containsEntry(CloudEventHeaders.SOURCE, EventProducers.CATALOG_SERVICE)
                .containsKeys(CloudEventHeaders.ID, CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT);
        assertThat(headers.get(CloudEventHeaders.ID)).isNotBlank();
        assertThat(EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED, record.value())).isEmpty();

        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("trackId").asString()).isEqualTo(TRACK);
        assertThat(event.get("trackName").asString()).isEqualTo("AI & Machine Learning Security Specialist");
        assertThat(event.get("version").asInt()).isEqualTo(1);
        assertThat(event.get("levels")).hasSize(4);
        assertThat(event.get("certifications")).hasSize(12);
        assertThat(event.get("skills")).hasSize(5 + 6 + 6 + 6);
        JsonNode mid = event.get("levels").get(1);
        assertThat(mid.get("id").asString()).isEqualTo("mid");
        assertThat(ids(mid.get("requirements")))
                .containsExactly("mid-certifications", "mid-skills", "mid-experience");
        assertThat(ids(event.get("levels").get(0).get("requirements"))).isEmpty();
        assertThat(nullOrAbsent(event.get("levels").get(3), "maxYears")).isTrue();
        assertThat(nullOrAbsent(event, "publishedBy")).as("no admin published the seed").isTrue();
        assertThat(event.get("salaryRegions").findValuesAsString("id"))
                .containsExactly("united-states", "europe", "asia-pacific");

        // the fixture other services test against is exactly what this service sends
        CatalogVersionPublished published = JSON.readValue(record.value(), CatalogVersionPublished.class);
        assertThat(seed.tracks()).contains(new SeedProperties.Track(SeedRelease.SEED_TRACK_ID,
                "classpath:" + SeedRelease.SEED_RESOURCE));
        assertThat(SeedRelease.seed(1, published.publishedAt())).isEqualTo(published);

        // exactly one publication: one outbox row, relayed; a relay cycle after that publishes nothing; and up to
        // the end of the topic nothing else about the track
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM outbox_event WHERE sent_at IS NOT NULL")).isEqualTo(1));
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(1);
        assertThat(relay.publishPending()).isZero();
        releases.noneUpToEnd(aboutTrack().and(r -> r != record));
        assertThat(count("SELECT count(*) FROM catalog_version")).isEqualTo(1);
    }

    @Test
    void aSecondStartAgainstTheSameDatabasePublishesNothingNew() {
        ConsumerRecord<String, String> first = startupPublication();
        try (ConfigurableApplicationContext second = startAnotherInstance()) {
            assertThat(second.isRunning()).isTrue();
            assertThat(second.getBean(OutboxRelay.class).publishPending()).isZero();
        }
        // closed: its relay stopped and its producer flushed, so whatever it published is on the topic by now
        releases.noneUpToEnd(aboutTrack().and(r -> r != first));
        assertThat(count("SELECT count(*) FROM track")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM catalog_version")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(1);
    }

    @Test
    void tracksListsThePublishedTrack() throws Exception {
        HttpResponse<String> response = get("/api/catalog/tracks", token("alice"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode page = JSON.readTree(response.body());
        assertThat(page.get("total").asLong()).isEqualTo(1);
        JsonNode tracks = page.get("items");
        assertThat(tracks).hasSize(1);
        assertThat(tracks.get(0).get("id").asString()).isEqualTo(TRACK);
        assertThat(tracks.get(0).get("name").asString()).isEqualTo("AI & Machine Learning Security Specialist");
        assertThat(tracks.get(0).get("latestVersion").asInt()).isEqualTo(1);
    }

    @Test
    void trackDetailsCarryLevelsSalariesKpisAndRequirements() throws Exception {
        HttpResponse<String> response = get("/api/catalog/tracks/" + TRACK, token("alice"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode track = JSON.readTree(response.body());
        assertThat(track.get("id").asString()).isEqualTo(TRACK);
        assertThat(track.get("version").asInt()).isEqualTo(1);
        JsonNode levels = track.get("levels");
        assertThat(levels).hasSize(4);
        JsonNode entry = levels.get(0);
        assertThat(entry.get("rank").asInt()).isEqualTo(1);
        assertThat(entry.get("minYears").asInt()).isZero();
        assertThat(entry.get("maxYears").asInt()).isEqualTo(2);
        assertThat(entry.get("jobTitles")).hasSize(4);
        assertThat(entry.get("responsibilities")).hasSize(5);
        assertThat(entry.get("skills")).hasSize(5);
        assertThat(entry.get("kpis")).hasSize(4);
        JsonNode usEntry = entry.get("salaryBands").get(0);
        assertThat(usEntry.get("region").asString()).isEqualTo("united-states");
        assertThat(usEntry.get("currency").asString()).isEqualTo("USD");
        assertThat(usEntry.get("min").asLong()).isEqualTo(70_000);
        assertThat(usEntry.get("max").asLong()).isEqualTo(90_000);
        JsonNode euExecutive = levels.get(3).get("salaryBands").get(1);
        assertThat(euExecutive.get("currency").asString()).isEqualTo("EUR");
        assertThat(euExecutive.get("min").asLong()).isEqualTo(150_000);
        assertThat(euExecutive.get("max").asLong()).isEqualTo(250_000);
        assertThat(euExecutive.get("openEnded").asBoolean()).isTrue();
        assertThat(ids(levels.get(2).get("requirements")))
                .containsExactly("senior-certifications", "senior-skills", "senior-experience");
        assertThat(track.get("certifications")).hasSize(12);
    }

    @Test
    void certificationsAreListedInPathwayOrder() throws Exception {
        HttpResponse<String> response = get("/api/catalog/certifications", token("alice"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        assertThat(page.get("total").asLong()).isEqualTo(12);
        JsonNode certifications = page.get("items");
        assertThat(certifications).hasSize(12);
        assertThat(ids(certifications)).startsWith("comptia-security-plus", "ceh", "google-it-support", "cissp")
                .endsWith("executive-leadership-program");
        assertThat(certifications.get(0).get("name").asString()).isEqualTo("CompTIA Security+");
        assertThat(certifications.get(0).get("pathwayYears").asString()).isEqualTo("1-2");
        assertThat(certifications.get(11).get("pathwayYears").asString()).isEqualTo("7+");
    }

    @Test
    void readsAreCacheableAndRevalidateByVersion() throws Exception {
        String token = token("alice");
        for (String path : List.of("/api/catalog/tracks", "/api/catalog/tracks/" + TRACK,
                "/api/catalog/certifications")) {
            HttpResponse<String> first = get(path, token);
            assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=60, private");
            String etag = first.headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> again = send(request(path, token).header("If-None-Match", etag));
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).hasValue(etag);

            HttpResponse<String> stale = send(request(path, token).header("If-None-Match", "\"other\""));
            assertThat(stale.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void unauthenticatedRequestsAreRejectedAsProblems() throws Exception {
        for (String path : List.of("/api/catalog/tracks", "/api/catalog/tracks/" + TRACK,
                "/api/catalog/certifications")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> forged = get("/api/catalog/tracks", "not-a-jwt");
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void unknownTrackIsA404Problem() throws Exception {
        HttpResponse<String> response = get("/api/catalog/tracks/underwater-basket-weaving", token("bob"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asString()).contains("underwater-basket-weaving");
    }

    @Test
    void openApiDocumentDescribesTheReadApiToAdminsOnly() throws Exception {
        // what there is to attack is nobody else's business: anonymous 401, an employee 403, metrics likewise
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        assertThat(get("/v3/api-docs", token("alice")).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics", token("alice")).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics", token("ada")).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        // Prometheus's scrape: the scraper client's token only, no person's, not even an admin's
        String base = "http://localhost:" + port;
        assertThat(Scrape.status(base, null)).isEqualTo(401);
        assertThat(Scrape.status(base, token("alice"))).isEqualTo(403);
        assertThat(Scrape.status(base, token("ada"))).isEqualTo(403);
        assertThat(Scrape.of(base).has(LadderMeters.OUTBOX_BACKLOG.prometheusNames().get(0))).isTrue();
        assertThat(get("/api/catalog/tracks", Scrape.token()).statusCode()).as("the scraper is no person")
                .isEqualTo(403);
        HttpResponse<String> response = get("/v3/api-docs", token("ada"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = JSON.readTree(response.body()).get("paths");
        assertThat(paths.has("/api/catalog/tracks")).isTrue();
        assertThat(paths.has("/api/catalog/tracks/{trackId}")).isTrue();
        assertThat(paths.has("/api/catalog/certifications")).isTrue();
    }

    // -----------------------------------------------------------------------------------------------------------

    private static ConsumerRecord<String, String> startupPublication() {
        return releases.await(aboutTrack(), Duration.ofSeconds(30));
    }

    private static Predicate<ConsumerRecord<String, String>> aboutTrack() {
        return KafkaProbe.hasKey(TRACK);
    }

    /** Another instance of the service, sharing this test's database, broker and identity provider. */
    private ConfigurableApplicationContext startAnotherInstance() {
        List<String> shared = List.of("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "spring.kafka.bootstrap-servers",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri");
        // command-line arguments, not builder properties: those are defaults that application.yml would override
        List<String> arguments = new ArrayList<>(Stream.of("--server.port=0", "--spring.main.banner-mode=off").toList());
        shared.forEach(name -> arguments.add("--" + name + "=" + environment.getRequiredProperty(name)));
        arguments.addAll(LadderInfra.kafkaServiceArguments("catalog"));
        return new SpringApplicationBuilder(CatalogApplication.class).run(arguments.toArray(String[]::new));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static boolean nullOrAbsent(JsonNode object, String field) {
        return !object.has(field) || object.get(field).isNull();
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.get("id").asString()));
        return ids;
    }

    private static String token(String user) {
        return LadderInfra.accessToken(user);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(request(path, token));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
