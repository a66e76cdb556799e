package dev.ladder.catalog;

import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.testkit.KafkaProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin authoring against real PostgreSQL, Kafka and Keycloak: import, draft, validation, publication, history. Shares
 * its running service with {@link DraftEditingTest} ({@link CatalogApiTest}).
 */
class AuthoringTest extends CatalogApiTest {

    @AfterAll
    static void closeProbe() {
        releases.close();
    }

    @Test
    void anAdminEditsAndPublishesVersionTwoThroughTheOutbox() throws Exception {
        HttpResponse<String> read = send("GET", BASE + TRACK + "/draft", "ada", null, null, null);
        assertThat(read.statusCode()).isEqualTo(200);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        ObjectNode draft = (ObjectNode) JSON.readTree(read.body());
        ((ObjectNode) draft.get("levels").get(0)).putArray("kpis").add("Vulnerabilities triaged per quarter");

        HttpResponse<String> put = send("PUT", BASE + TRACK + "/draft", "ada", draft.toString(), "application/json",
                etag);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        String newTag = put.headers().firstValue("ETag").orElseThrow();
        assertThat(newTag).isNotEqualTo(etag);

        HttpResponse<String> publish = send("POST", BASE + TRACK + "/publish", "ada", null, null, newTag);
        assertThat(publish.statusCode()).as(publish.body()).isEqualTo(201);
        assertThat(JSON.readTree(publish.body()).get("version").asInt()).isEqualTo(2);

        ConsumerRecord<String, String> event = releases.await(KafkaProbe.hasKey(TRACK)
                .and(r -> JSON.readTree(r.value()).get("version").asInt() == 2), Duration.ofSeconds(30));
        assertThat(EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED, event.value())).isEmpty();
        JsonNode payload = JSON.readTree(event.value());
        assertThat(payload.get("levels")).hasSize(4);
        assertThat(payload.get("certifications")).hasSize(12);
        assertThat(payload.get("demoteOnExpiry").asBoolean()).isFalse();
        // the draft's verification policy (the default: self-declared certifications count once verified)
        assertThat(draft.get("verification").get("unverifiedCertificationsCount").asBoolean()).isFalse();
        assertThat(payload.get("verification").get("unverifiedCertificationsCount").asBoolean()).isFalse();
        assertThat(payload.get("verification").get("selfAssessedSkillsCount").asBoolean()).isTrue();
        assertThat(payload.get("certifications").get(0).get("renewalMonths").asInt()).isEqualTo(36);
        // the publishing admin's token subject, so the re-evaluation it causes is reported back to them
        assertThat(payload.get("publishedBy").asString()).isEqualTo("33333333-3333-4333-8333-333333333333");

        JsonNode diff = JSON.readTree(send("GET", BASE + TRACK + "/diff?from=1&to=2", "alice", null, null, null)
                .body());
        assertThat(diff).isNotEmpty();
        // the level is named by its id; its four KPIs became one: one changed, three removed
        List<String> kinds = new ArrayList<>();
        diff.forEach(c -> kinds.add(c.get("kind").asString() + " " + c.get("path").asString()));
        assertThat(kinds).containsExactlyInAnyOrder("changed levels[id=entry].kpis[0]",
                "removed levels[id=entry].kpis[1]", "removed levels[id=entry].kpis[2]",
                "removed levels[id=entry].kpis[3]");
        assertThat(JSON.readTree(send("GET", BASE + TRACK + "/versions", "alice", null, null, null).body())
                .get("items")).hasSize(2);
        JsonNode history = JSON.readTree(send("GET", BASE + TRACK + "/history", "ada", null, null, null).body())
                .get("items");
        List<String> actions = new ArrayList<>();
        history.forEach(h -> actions.add(h.get("action").asString() + ":" + h.get("actor").get("username")
                .asString()));
        assertThat(actions).containsExactly("IMPORT:seed", "PUBLISH:seed", "DRAFT_UPDATE:ada", "PUBLISH:ada");
        assertThat(history.get(2).get("actor").get("id").asString())
                .isEqualTo("33333333-3333-4333-8333-333333333333");
        assertThat(history.get(2).get("detail").asString()).contains("levels[id=entry].kpis");
        assertThat(history.get(2).get("at").asString()).isNotBlank();
    }

    @Test
    void theReleasePreviewIsTheEventPublishingWouldSendAndStoresNothing() throws Exception {
        long versions = count("catalog_version WHERE track_id = '" + TRACK + "'");
        long outbox = count("outbox_event");
        HttpResponse<String> read = send("GET", BASE + TRACK + "/draft", "ada", null, null, null);

        HttpResponse<String> stored = send("POST", BASE + TRACK + "/draft/release-preview", "ada", null, null, null);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED, stored.body())).isEmpty();
        JsonNode event = JSON.readTree(stored.body());
        assertThat(event.get("trackId").asString()).isEqualTo(TRACK);
        assertThat(event.get("version").asLong()).isEqualTo(versions + 1);
        assertThat(event.get("levels")).hasSize(4);

        ObjectNode edited = (ObjectNode) JSON.readTree(read.body());
        ((ObjectNode) edited.get("levels").get(1)).put("name", "Mid-Level Specialist");
        HttpResponse<String> unsaved = send("POST", BASE + TRACK + "/draft/release-preview", "ada",
                edited.toString(), "application/json", null);
        assertThat(unsaved.statusCode()).as(unsaved.body()).isEqualTo(200);
        assertThat(JSON.readTree(unsaved.body()).get("levels").get(1).get("name").asString())
                .isEqualTo("Mid-Level Specialist");

        ((ObjectNode) edited.get("levels").get(1).get("requirements").get(0).get("items").get(0)).put("ref", "pmp");
        HttpResponse<String> invalid = send("POST", BASE + TRACK + "/draft/release-preview", "ada",
                edited.toString(), "application/json", null);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(invalid.body()).get("errors").toString()).contains("unknown certification 'pmp'");
        assertThat(send("POST", BASE + TRACK + "/draft/release-preview", "alice", null, null, null).statusCode())
                .isEqualTo(403);
        assertThat(send("POST", BASE + "no-such-track/draft/release-preview", "ada", null, null, null).statusCode())
                .isEqualTo(404);

        assertThat(count("catalog_version WHERE track_id = '" + TRACK + "'")).isEqualTo(versions);
        assertThat(count("outbox_event")).isEqualTo(outbox);
        assertThat(send("GET", BASE + TRACK + "/draft", "ada", null, null, null).headers().firstValue("ETag"))
                .isEqualTo(read.headers().firstValue("ETag"));
    }

    private long count(String from) {
        return jdbc.sql("SELECT count(*) FROM " + from).query(Long.class).single();
    }

    @Test
    void aStaleOrMissingIfMatchChangesNothing() throws Exception {
        HttpResponse<String> read = send("GET", BASE + TRACK + "/draft", "ada", null, null, null);
        ObjectNode draft = (ObjectNode) JSON.readTree(read.body());
        draft.put("name", "Renamed");

        HttpResponse<String> stale = send("PUT", BASE + TRACK + "/draft", "ada", draft.toString(),
                "application/json", "\"999\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        HttpResponse<String> missing = send("PUT", BASE + TRACK + "/draft", "ada", draft.toString(),
                "application/json", null);
        assertThat(missing.statusCode()).isEqualTo(428);
        assertThat(send("POST", BASE + TRACK + "/publish", "ada", null, null, "\"999\"").statusCode())
                .isEqualTo(412);

        HttpResponse<String> after = send("GET", BASE + TRACK + "/draft", "ada", null, null, null);
        assertThat(after.headers().firstValue("ETag")).isEqualTo(read.headers().firstValue("ETag"));
        assertThat(JSON.readTree(after.body()).get("name").asString()).isNotEqualTo("Renamed");
    }

    @Test
    void validationListsEveryProblemAndWritesNothing() throws Exception {
        HttpResponse<String> read = send("GET", BASE + TRACK + "/draft", "ada", null, null, null);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        ObjectNode draft = (ObjectNode) JSON.readTree(read.body());
        ObjectNode mid = (ObjectNode) draft.get("levels").get(1);
        ObjectNode skillItem = (ObjectNode) mid.get("requirements").get(1).get("items").get(0);
        skillItem.put("ref", "juggling");
        ObjectNode certItem = (ObjectNode) mid.get("requirements").get(0).get("items").get(0);
        certItem.put("ref", "pmp");
        mid.put("maxYears", 1);
        ObjectNode band = (ObjectNode) mid.get("salaryBands").get(0);
        band.put("min", 500_000);
        ((ObjectNode) mid.get("salaryBands").get(1)).put("currency", "EUX");
        ((ObjectNode) draft.get("levels").get(2)).put("id", "mid");
        ((ObjectNode) draft.get("levels").get(3)).put("minYears", 8);
        ((ObjectNode) draft.get("levels").get(0)).putArray("kpis").add("Budget ‚Ç¨60,000");
        ((ObjectNode) draft.get("certifications").get(1)).put("id", "comptia-security-plus");

        HttpResponse<String> put = send("PUT", BASE + TRACK + "/draft", "ada", draft.toString(), "application/json",
                etag);
        assertThat(put.statusCode()).isEqualTo(422);
        String messages = JSON.readTree(put.body()).get("errors").toString();
        assertThat(messages).contains("unknown skill 'juggling'", "unknown certification 'pmp'", "inverted",
                "overlap", "is above max", "unknown currency 'EUX'", "duplicate level id 'mid'",
                "duplicate certification id 'comptia-security-plus'", "mojibake");

        HttpResponse<String> validate = send("POST", BASE + TRACK + "/draft/validate", "ada", draft.toString(),
                "application/json", null);
        assertThat(validate.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(validate.body()).get("problems").size()).isGreaterThanOrEqualTo(9);
        assertThat(send("GET", BASE + TRACK + "/draft", "ada", null, null, null).headers().firstValue("ETag"))
                .hasValue(etag);
    }

    @Test
    void employeesCannotWriteNorReadDraftsOrTheAuditTrail() throws Exception {
        String draft = send("GET", BASE + TRACK + "/draft", "ada", null, null, null).body();
        for (HttpResponse<String> response : List.of(
                // an unpublished draft (salary bands of a track not announced yet) and who edited the catalog
                send("GET", BASE + TRACK + "/draft", "alice", null, null, null),
                send("GET", BASE + TRACK + "/history", "alice", null, null, null),
                // an unknown track answers alike: the role is checked first
                send("GET", BASE + "no-such-track/draft", "alice", null, null, null),
                send("GET", BASE + "no-such-track/history", "alice", null, null, null),
                send("PUT", BASE + TRACK + "/draft", "alice", draft, "application/json", "\"1\""),
                send("POST", BASE + TRACK + "/publish", "alice", null, null, "\"1\""),
                send("POST", BASE + "import", "alice", "# X Career Roadmap", "text/markdown", null))) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
        }
    }

    @Test
    void aMalformedImportIsA422WithLineNumbersAndCreatesNothing() throws Exception {
        long tracks = jdbc.sql("SELECT count(*) FROM track").query(Long.class).single();
        String markdown = """
                # Broken Career Roadmap

                ## Entry Level Positions (0-2 years)
                ### Job Titles
                - Intern
                ### Responsibilities
                - Learn
                ### Salary Range
                - Europe: €90,000 - €80,000
                ## Certification Pathway
                ### Someday
                - CISSP
                """;
        HttpResponse<String> response = send("POST", BASE + "import", "ada", markdown, "text/markdown", null);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        List<Integer> lines = new ArrayList<>();
        errors.forEach(e -> lines.add(e.get("line").asInt()));
        assertThat(lines).contains(3, 9, 11);
        assertThat(jdbc.sql("SELECT count(*) FROM track").query(Long.class).single()).isEqualTo(tracks);
    }

    @Test
    void importExportImportGivesAnEqualTrackAndTheRawFileIsRepaired() throws Exception {
        String exported = send("GET", BASE + TRACK + "/export?format=markdown&version=1", "alice", null, null, null)
                .body();
        HttpResponse<String> copy = send("POST", BASE + "import", "ada",
                exported.replaceFirst("# .*", "# Exported Copy Career Roadmap"), "text/markdown", null);
        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(201);
        HttpResponse<String> raw = send("POST", BASE + "import", "ada",
                resource("/ai-ml-security-specialist.raw.md").replaceFirst("# .*", "# Raw Copy Career Roadmap"),
                "text/markdown", null);
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(201);
        assertThat(raw.body()).doesNotContain("‚Ç¨").contains("€");
        assertThat(send("POST", BASE + "import", "ada", "# Raw Copy Career Roadmap\n", "text/markdown", null)
                .statusCode()).isEqualTo(409);

        ObjectNode original = withoutName(send("GET", BASE + TRACK + "/draft", "ada", null, null, null).body());
        // a published seed version 1 and the drafts imported from its export and from the raw file agree
        JsonNode v1 = JSON.readTree(send("GET", BASE + TRACK + "/export?format=json&version=1", "alice", null, null,
                null).body());
        assertThat(withoutName(JSON.readTree(copy.body()).toString())).isEqualTo(withoutName(v1.toString()));
        assertThat(withoutName(raw.body())).isEqualTo(withoutName(v1.toString()));
        assertThat(original.get("sections")).hasSize(20);
    }

    @Test
    void aJsonDocumentImportsAsANewTrackOnce() throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(send("GET", BASE + TRACK + "/export?format=json&version=1",
                "alice", null, null, null).body());
        document.put("name", "Json Copy");
        HttpResponse<String> created = send("POST", BASE + "import", "ada", document.toString(), "application/json",
                null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/catalog/tracks/json-copy/draft");
        assertThat(JSON.readTree(created.body()).get("id").asString()).isEqualTo("json-copy");
        assertThat(send("POST", BASE + "import", "ada", document.toString(), "application/json", null).statusCode())
                .isEqualTo(409);
        JsonNode history = JSON.readTree(send("GET", BASE + "json-copy/history", "ada", null, null, null).body())
                .get("items");
        assertThat(history.get(0).get("action").asString()).isEqualTo("IMPORT");
        assertThat(history.get(0).get("actor").get("username").asString()).isEqualTo("ada");
        // a new track is a draft until an admin publishes it: admins find it among the drafts, readers don't see it
        assertThat(send("GET", BASE + "json-copy", "bob", null, null, null).statusCode()).isEqualTo(404);
        JsonNode drafts = JSON.readTree(send("GET", "/api/catalog/drafts?size=200", "ada", null, null, null).body())
                .get("items");
        JsonNode entry = StreamSupport.stream(drafts.spliterator(), false)
                .filter(d -> d.get("trackId").asString().equals("json-copy")).findFirst().orElseThrow();
        assertThat(entry.get("latestVersion").isNull()).isTrue();
        assertThat(entry.get("revision").asInt()).isEqualTo(1);
        assertThat(send("GET", "/api/catalog/drafts", "bob", null, null, null).statusCode()).isEqualTo(403);
        HttpResponse<String> published = send("POST", BASE + "json-copy/publish", "ada", null, null, "\"1\"");
        assertThat(published.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(published.body()).get("version").asInt()).isEqualTo(1);
    }

    private static ObjectNode withoutName(String json) {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.remove("id");
        node.remove("name");
        return node;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = AuthoringTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
