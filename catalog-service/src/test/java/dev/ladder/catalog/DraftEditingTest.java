package dev.ladder.catalog;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the catalog editor needs beyond editing: what the draft changes against the published version, discarding
 * it, exporting it, and Markdown that carries every rule and policy through export → import. Each test works on a
 * track it imports itself (the seed track is only read), since {@link AuthoringTest} shares this database.
 */
class DraftEditingTest extends CatalogApiTest {

    @Test
    void theDraftDiffShowsUnpublishedEditsAndADiscardDropsThem() throws Exception {
        HttpResponse<String> imported = importMarkdown(exportSeed().replaceFirst("# .*", "# Editor Copy Career Roadmap"));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        String track = BASE + "editor-copy";

        // never published: everything in the draft is new
        JsonNode unpublished = changes(track);
        assertThat(unpublished).isNotEmpty();
        assertThat(values(unpublished, "kind")).containsOnly("added");
        assertThat(values(unpublished, "path")).contains("name", "levels[id=mid]", "certifications[id=cissp]");
        assertThat(send("POST", track + "/publish", "ada", null, null, "\"1\"").statusCode()).isEqualTo(201);
        assertThat(changes(track)).isEmpty();

        // an edit: a skill inserted first on the mid level and a KPI reworded
        ObjectNode draft = (ObjectNode) JSON.readTree(send("GET", track + "/draft", "ada", null, null, null).body());
        ObjectNode mid = (ObjectNode) draft.get("levels").get(1);
        String kpi = mid.get("kpis").get(0).asString();
        ((ArrayNode) mid.get("skills")).insert(0, JSON.createObjectNode().put("id", "threat-modeling")
                .put("name", "Threat modelling"));
        ((ArrayNode) mid.get("kpis")).remove(0);
        ((ArrayNode) mid.get("kpis")).insert(0, "Adversarial tests run per model");
        HttpResponse<String> put = send("PUT", track + "/draft", "ada", draft.toString(), "application/json", "\"1\"");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.headers().firstValue("ETag")).hasValue("\"2\"");

        JsonNode edits = changes(track);
        List<org.assertj.core.groups.Tuple> rows = new ArrayList<>();
        edits.forEach(c -> rows.add(tuple(c.get("kind").asString(), c.get("path").asString(),
                c.get("entity").asString(), c.get("id").asString())));
        assertThat(rows).containsExactlyInAnyOrder(
                tuple("added", "levels[id=mid].skills[id=threat-modeling]", "skill", "threat-modeling"),
                tuple("changed", "levels[id=mid].kpis[0]", "level", "mid"));
        JsonNode reworded = edits.get(0).get("kind").asString().equals("changed") ? edits.get(0) : edits.get(1);
        assertThat(reworded.get("before").asString()).isEqualTo(kpi);
        assertThat(reworded.get("after").asString()).isEqualTo("Adversarial tests run per model");

        // the draft's export is the draft, in either format, with the draft's revision as ETag
        HttpResponse<String> json = send("GET", track + "/draft/export?format=json", "ada", null, null, null);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(JSON.readTree(json.body())).isEqualTo(JSON.readTree(put.body()));
        HttpResponse<String> markdown = send("GET", track + "/draft/export", "ada", null, null, null);
        assertThat(markdown.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/markdown");
        assertThat(markdown.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("editor-copy-draft-r2.md");
        assertThat(markdown.body()).contains("- Threat modelling {#threat-modeling}",
                "- Adversarial tests run per model");
        HttpResponse<String> pdf = send("GET", track + "/draft/export?format=pdf", "ada", null, null, null);
        assertThat(pdf.statusCode()).isEqualTo(422);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(pdf.body()).get("errors").get(0).get("field").asString()).isEqualTo("format");

        // a discard needs the current ETag: a stale or missing one loses nobody's edit
        HttpResponse<String> stale = send("DELETE", track + "/draft", "ada", null, null, "\"1\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(send("DELETE", track + "/draft", "ada", null, null, null).statusCode()).isEqualTo(428);
        assertThat(changes(track)).hasSize(2);

        HttpResponse<String> discarded = send("DELETE", track + "/draft", "ada", null, null, "\"2\"");
        assertThat(discarded.statusCode()).isEqualTo(204);
        assertThat(discarded.headers().firstValue("ETag")).hasValue("\"3\"");
        HttpResponse<String> after = send("GET", track + "/draft", "ada", null, null, null);
        // the draft is the published version again, at a new revision so that older ETags stay stale
        assertThat(after.headers().firstValue("ETag")).hasValue("\"3\"");
        assertThat(JSON.readTree(after.body())).isEqualTo(JSON.readTree(send("GET",
                track + "/export?format=json&version=1", "alice", null, null, null).body()));
        assertThat(changes(track)).isEmpty();
        assertThat(send("PUT", track + "/draft", "ada", draft.toString(), "application/json", "\"2\"")
                .statusCode()).isEqualTo(412);

        JsonNode history = JSON.readTree(send("GET", track + "/history", "ada", null, null, null).body())
                .get("items");
        assertThat(values(history, "action")).containsExactly("IMPORT", "PUBLISH", "DRAFT_UPDATE", "DRAFT_DISCARD");
        JsonNode discard = history.get(3);
        assertThat(discard.get("actor").get("username").asString()).isEqualTo("ada");
        assertThat(discard.get("revision").asInt()).isEqualTo(3);
        assertThat(discard.get("version").asInt()).isEqualTo(1);
        assertThat(discard.get("detail").asString()).contains("2 change(s)", "back to version 1");

        // nothing left to discard: 204, nothing written
        assertThat(send("DELETE", track + "/draft", "ada", null, null, "\"3\"").statusCode()).isEqualTo(204);
        assertThat(JSON.readTree(send("GET", track + "/history", "ada", null, null, null).body()).get("items"))
                .hasSize(4);
        assertThat(send("GET", track + "/draft", "ada", null, null, null).headers().firstValue("ETag"))
                .hasValue("\"3\"");
    }

    @Test
    void aTrackNeverPublishedHasNothingToGoBackTo() throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(send("GET", BASE + TRACK + "/export?format=json&version=1",
                "ada", null, null, null).body());
        document.put("name", "Never Published Copy");
        assertThat(send("POST", BASE + "import", "ada", document.toString(), "application/json", null)
                .statusCode()).isEqualTo(201);

        HttpResponse<String> discard = send("DELETE", BASE + "never-published-copy/draft", "ada", null, null,
                "\"1\"");

        assertThat(discard.statusCode()).isEqualTo(409);
        assertThat(discard.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(discard.body()).get("detail").asString()).contains("never been published");
        HttpResponse<String> draft = send("GET", BASE + "never-published-copy/draft", "ada", null, null, null);
        assertThat(draft.statusCode()).isEqualTo(200);
        assertThat(draft.headers().firstValue("ETag")).hasValue("\"1\"");
    }

    @Test
    void theNewEndpointsAreForAdminsAndSayWhatIsWrong() throws Exception {
        List<String[]> endpoints = List.of(new String[]{"GET", "/draft/diff"},
                new String[]{"GET", "/draft/export?format=json"}, new String[]{"DELETE", "/draft"});
        String etag = send("GET", BASE + TRACK + "/draft", "ada", null, null, null).headers().firstValue("ETag")
                .orElseThrow();
        for (String[] endpoint : endpoints) {
            HttpResponse<String> employee = send(endpoint[0], BASE + TRACK + endpoint[1], "alice", null, null, etag);
            assertThat(employee.statusCode()).as("employee " + endpoint[1]).isEqualTo(403);
            assertThat(employee.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(send(endpoint[0], BASE + TRACK + endpoint[1], null, null, null, etag).statusCode())
                    .as("anonymous " + endpoint[1]).isEqualTo(401);
            HttpResponse<String> unknown = send(endpoint[0], BASE + "no-such-track" + endpoint[1], "ada", null, null,
                    "\"1\"");
            assertThat(unknown.statusCode()).as("unknown track " + endpoint[1]).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(JSON.readTree(unknown.body()).get("detail").asString()).contains("no-such-track");
        }
        assertThat(send("GET", BASE + TRACK + "/draft", "ada", null, null, null).headers().firstValue("ETag"))
                .as("nobody changed the seed's draft").hasValue(etag);
        JsonNode paths = JSON.readTree(send("GET", "/v3/api-docs", "ada", null, null, null).body()).get("paths");
        assertThat(paths.get("/api/catalog/tracks/{trackId}/draft").has("delete")).isTrue();
        assertThat(paths.get("/api/catalog/tracks/{trackId}/draft").get("delete").get("responses").has("412"))
                .isTrue();
        assertThat(paths.has("/api/catalog/tracks/{trackId}/draft/diff")).isTrue();
        assertThat(paths.get("/api/catalog/tracks/{trackId}/draft/export").get("get").get("responses").has("422"))
                .isTrue();
    }

    /** The seed, and a track using every rule kind, policy and renewal period: export → import gives it back. */
    @Test
    void markdownExportImportKeepsEveryRuleAndPolicy() throws Exception {
        // the seed, as its draft exports
        HttpResponse<String> seedCopy = importMarkdown(send("GET", BASE + TRACK + "/draft/export", "ada", null, null,
                null).body().replaceFirst("# .*", "# Seed Draft Copy Career Roadmap"));
        assertThat(seedCopy.statusCode()).as(seedCopy.body()).isEqualTo(201);
        assertThat(withoutName(seedCopy.body())).isEqualTo(withoutName(send("GET", BASE + TRACK + "/draft", "ada",
                null, null, null).body()));

        // a track exercising everything the Markdown must carry
        ObjectNode rich = richTrack();
        HttpResponse<String> created = send("POST", BASE + "import", "ada", rich.toString(), "application/json", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String original = created.body();

        String draftExport = send("GET", BASE + "rules-copy/draft/export?format=markdown", "ada", null, null, null)
                .body();
        assertThat(draftExport).contains("Expiry policy:", "Verification policy: unverified certifications count; "
                        + "self-assessed skills do not count.", "2 of 3 {#mid-mixed}: ", "Any 2 of {#senior-pick}",
                "All of {#mid-skills}", "Threat Modelling (STRIDE) {#threat-modeling}", "Europe {#eu}: ",
                "## Executive Positions (10+ years) {#c-level}", "(CEH) — does not expire",
                "(CISSP) — renews every 24 months", "AI Security Credential {#ai-sec-cert} — renews every 12 months");
        HttpResponse<String> fromDraft = importMarkdown(draftExport.replaceFirst("# .*",
                "# Rules Copy From Draft Career Roadmap"));
        assertThat(fromDraft.statusCode()).as(fromDraft.body()).isEqualTo(201);
        assertThat(withoutName(fromDraft.body())).isEqualTo(withoutName(original));

        // and the same through the published version's export
        assertThat(send("POST", BASE + "rules-copy/publish", "ada", null, null, "\"1\"").statusCode())
                .isEqualTo(201);
        String published = send("GET", BASE + "rules-copy/export?format=markdown", "alice", null, null, null).body();
        assertThat(published).isEqualTo(draftExport);
        HttpResponse<String> fromPublished = importMarkdown(published.replaceFirst("# .*",
                "# Rules Copy From Version Career Roadmap"));
        assertThat(fromPublished.statusCode()).as(fromPublished.body()).isEqualTo(201);
        assertThat(withoutName(fromPublished.body())).isEqualTo(withoutName(original));
    }

    /**
     * The seed changed into a track with both policies set, renewal periods differing from the issuers' (including
     * "does not expire"), an own-id certification on a pathway bucket that recurs, skills, regions and levels whose
     * ids are not the slugs of their names, and requirement groups of every kind over all three requirement types.
     */
    private ObjectNode richTrack() throws Exception {
        ObjectNode track = (ObjectNode) JSON.readTree(send("GET", BASE + TRACK + "/export?format=json&version=1",
                "ada", null, null, null).body());
        track.put("name", "Rules Copy");
        track.put("demoteOnExpiry", true);
        track.putObject("verification").put("unverifiedCertificationsCount", true)
                .put("selfAssessedSkillsCount", false);
        ArrayNode certifications = (ArrayNode) track.get("certifications");
        for (JsonNode certification : certifications) {
            switch (certification.get("id").asString()) {
                case "ceh" -> ((ObjectNode) certification).putNull("renewalMonths");
                case "cissp" -> ((ObjectNode) certification).put("renewalMonths", 24);
                default -> { }
            }
        }
        // after the first Year 3-4 certification, so the Year 1-2 bucket recurs
        certifications.insert(4, JSON.createObjectNode().put("id", "ai-sec-cert").put("name", "AI Security Credential")
                .put("pathwayYears", "1-2").put("renewalMonths", 12));

        ObjectNode mid = (ObjectNode) track.get("levels").get(1);
        ((ArrayNode) mid.get("skills")).add(JSON.createObjectNode().put("id", "threat-modeling")
                .put("name", "Threat Modelling (STRIDE)"));
        ((ObjectNode) mid.get("salaryBands").get(1)).put("region", "eu");
        ArrayNode midRules = (ArrayNode) mid.get("requirements");
        ObjectNode mixed = midRules.addObject().put("id", "mid-mixed").put("description", "Two of: a credential, "
                + "threat modelling, or time").put("kind", "N_OF_M").put("required", 2);
        ArrayNode items = mixed.putArray("items");
        items.addObject().put("type", "CERTIFICATION").put("ref", "ai-sec-cert");
        items.addObject().put("type", "SKILL").put("ref", "threat-modeling").put("minProficiency", 4);
        items.addObject().put("type", "EXPERIENCE").put("minYears", 4);

        ObjectNode senior = (ObjectNode) track.get("levels").get(2);
        ObjectNode pick = ((ArrayNode) senior.get("requirements")).addObject().put("id", "senior-pick")
                .put("kind", "ANY_OF").put("required", 2);
        ArrayNode choices = pick.putArray("items");
        choices.addObject().put("type", "CERTIFICATION").put("ref", "cissp");
        choices.addObject().put("type", "CERTIFICATION").put("ref", "cism");
        choices.addObject().put("type", "SKILL").put("ref", "threat-modeling");

        ObjectNode executive = (ObjectNode) track.get("levels").get(3);
        executive.put("id", "c-level");
        ArrayNode executiveRules = (ArrayNode) executive.get("requirements");
        for (JsonNode group : executiveRules) {
            ((ObjectNode) group).put("id", group.get("id").asString().replace("executive", "c-level"));
        }
        return track;
    }

    private String exportSeed() throws Exception {
        return send("GET", BASE + TRACK + "/export?format=markdown&version=1", "ada", null, null, null).body();
    }

    private HttpResponse<String> importMarkdown(String markdown) throws Exception {
        return send("POST", BASE + "import", "ada", markdown, "text/markdown", null);
    }

    private JsonNode changes(String track) throws Exception {
        HttpResponse<String> response = send("GET", track + "/draft/diff", "ada", null, null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asString()));
        return values;
    }

    private static ObjectNode withoutName(String json) {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.remove("id");
        node.remove("name");
        return node;
    }
}
