package dev.ladder.catalog.privacy;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.DatabaseSearch;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GDPR in catalog-service: an admin who edited and published a track is erased — the audit trail keeps what happened
 * with the actor anonymised, the release's publisher is scrubbed from the outbox, nothing keeps their subject or id;
 * and the export of the caller's personal data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureTest {

    private static final String GROUP = "catalog-erasure-" + UUID.randomUUID();
    private static final String BASE = "/api/catalog/tracks/ai-ml-security-specialist";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "catalog");
        registry.add("ladder.catalog.consumer-group", () -> GROUP);
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    final HttpClient http = HttpClient.newHttpClient();

    /** Ada (admin) is the erased person; her employee id is not her subject. */
    final String ada = UUID.randomUUID().toString();
    String adaSubject;

    @BeforeAll
    void adaEditsAndPublishes() throws Exception {
        adaSubject = subjectOf("ada");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM catalog_version")
                .query(Integer.class).single() >= 1);
        HttpResponse<String> read = send("GET", BASE + "/draft", "ada", null, null);
        assertThat(read.statusCode()).isEqualTo(200);
        ObjectNode draft = (ObjectNode) json.readTree(read.body());
        ((ObjectNode) draft.get("levels").get(0)).putArray("kpis").add("Reviewed by the erasure test");
        HttpResponse<String> put = send("PUT", BASE + "/draft", "ada", draft.toString(),
                read.headers().firstValue("ETag").orElseThrow());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        HttpResponse<String> publish = send("POST", BASE + "/publish", "ada", null,
                put.headers().firstValue("ETag").orElseThrow());
        assertThat(publish.statusCode()).as(publish.body()).isEqualTo(201);
    }

    @Test
    @Order(1)
    void theExportHoldsTheCallersOwnDataOnly() throws Exception {
        JsonNode adas = json.readTree(send("GET", "/api/catalog/me/personal-data", "ada", null, null).body());
        assertThat(adas.path("service").asString()).isEqualTo("catalog-service");
        assertThat(adas.path("subject").asString()).isEqualTo(adaSubject);
        assertThat(adas.path("auditEntries").findValuesAsString("action")).containsExactly("DRAFT_UPDATE", "PUBLISH");
        assertThat(adas.path("drafts")).hasSize(1);
        assertThat(adas.path("publishedVersions")).hasSize(1);
        assertThat(adas.path("publishedVersions").get(0).path("version").asInt()).isEqualTo(2);

        HttpResponse<String> alices = send("GET", "/api/catalog/me/personal-data", "alice", null, null);
        assertThat(alices.statusCode()).isEqualTo(200);
        JsonNode alice = json.readTree(alices.body());
        assertThat(alice.path("auditEntries")).isEmpty();
        assertThat(alice.path("drafts")).isEmpty();
        assertThat(alice.path("publishedVersions")).isEmpty();
        assertThat(alices.body()).doesNotContain(adaSubject);

        assertThat(send("GET", "/api/catalog/me/personal-data", null, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/v3/api-docs", "ada", null, null).body()).contains("/api/catalog/me/personal-data");
    }

    @Test
    @Order(2)
    void anErasedAdminLeavesNoTraceButTheCatalogKeepsItsHistory() throws Exception {
        // the release went out through the outbox, naming its publisher
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM outbox_event WHERE sent_at IS NOT NULL AND strpos(payload, :s) > 0")
                .param("s", adaSubject).query(Integer.class).single() == 1);
        assertThat(mentions()).isNotEmpty();

        String payload = json.writeValueAsString(new EmployeeErased(UUID.randomUUID().toString(), ada, adaSubject,
                Instant.now()));
        CloudEventRecord record = CloudEventRecord.of(EventType.EMPLOYEE_ERASED, ada, payload)
                .id(UUID.randomUUID().toString());
        RecordMetadata erased = LadderInfra.send(record.topic(), record.key(), record.headerMap(), payload);
        LadderInfra.awaitConsumed(GROUP, erased);

        assertThat(mentions()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM catalog_audit WHERE actor_username = 'ada'").query(Integer.class)
                .single()).isZero();
        // what happened stays: the seed's entries, and the edit and the release by someone erased
        assertThat(jdbc.sql("SELECT action || ':' || actor_id FROM catalog_audit ORDER BY id").query(String.class)
                .list()).containsExactly("IMPORT:system", "PUBLISH:system", "DRAFT_UPDATE:erased", "PUBLISH:erased");
        JsonNode version = json.readTree(send("GET", BASE + "/versions/2", "alice", null, null).body());
        assertThat(version.toString()).contains("Reviewed by the erasure test");
        JsonNode export = json.readTree(send("GET", "/api/catalog/me/personal-data", "ada", null, null).body());
        assertThat(export.path("auditEntries")).isEmpty();
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    /** Where the database still holds ada's id or subject. */
    List<String> mentions() {
        return DatabaseSearch.mentions(dataSource, List.of(ada, adaSubject));
    }

    HttpResponse<String> send(String method, String path, String user, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            request.header("Authorization", "Bearer " + LadderInfra.accessToken(user));
        }
        if (body != null) {
            request.header("Content-Type", "application/json;charset=UTF-8");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    String subjectOf(String user) {
        String payload = LadderInfra.accessToken(user).split("\\.")[1];
        return json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .path("sub").asString();
    }
}
