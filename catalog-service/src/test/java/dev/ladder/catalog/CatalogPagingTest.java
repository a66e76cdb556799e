package dev.ladder.catalog;

import dev.ladder.kit.web.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list the catalog answers that grows with its history or its tracks is a page ({@link Page}): the versions of
 * a track, its audit trail, the admins' drafts and search. A default page, an explicit one, the largest size
 * enforced (a 400 problem naming the parameter), and a page past the end: empty, with the right total. Works on a
 * track it imports itself (the seed track is only read), since the other API tests share this database.
 */
class CatalogPagingTest extends CatalogApiTest {

    private static final String COPY = BASE + "paging-copy";

    /** Imported, then published three times: 3 versions and 6 audit entries. */
    @BeforeEach
    void threeVersions() throws Exception {
        if (send("GET", COPY + "/versions", "alice", null, null, null).statusCode() == 200) {
            return;
        }
        String markdown = send("GET", BASE + TRACK + "/export?format=markdown&version=1", "ada", null, null, null)
                .body().replaceFirst("# .*", "# Paging Copy Career Roadmap");
        HttpResponse<String> imported = send("POST", BASE + "import", "ada", markdown, "text/markdown", null);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(send("POST", COPY + "/publish", "ada", null, null, "\"1\"").statusCode()).isEqualTo(201);
        for (int n = 2; n <= 3; n++) {
            HttpResponse<String> read = send("GET", COPY + "/draft", "ada", null, null, null);
            ObjectNode draft = (ObjectNode) JSON.readTree(read.body());
            ((ArrayNode) draft.get("levels").get(0).get("kpis")).add("Paging KPI " + n);
            HttpResponse<String> put = send("PUT", COPY + "/draft", "ada", draft.toString(), "application/json",
                    read.headers().firstValue("ETag").orElseThrow());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            HttpResponse<String> published = send("POST", COPY + "/publish", "ada", null, null,
                    put.headers().firstValue("ETag").orElseThrow());
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        }
    }

    @Test
    void theVersionsOfATrackArePaged() throws Exception {
        JsonNode first = page(COPY + "/versions", "alice");
        assertPage(first, 0, Page.DEFAULT_SIZE, 3);
        assertThat(ints(first, "latestVersion")).containsExactly(1, 2, 3);

        JsonNode second = page(COPY + "/versions?page=1&size=2", "alice");
        assertPage(second, 1, 2, 3);
        assertThat(ints(second, "latestVersion")).containsExactly(3);

        JsonNode past = page(COPY + "/versions?page=7&size=2", "alice");
        assertPage(past, 7, 2, 3);
        assertThat(past.get("items")).isEmpty();

        assertInvalid(COPY + "/versions?size=" + (Page.MAX_SIZE + 1), "alice", "size");
        assertInvalid(COPY + "/versions?size=0", "alice", "size");
        assertInvalid(COPY + "/versions?page=-1", "alice", "page");
        assertThat(page(COPY + "/versions?size=" + Page.MAX_SIZE, "alice").get("items")).hasSize(3);
        // still a 404 for a track never published
        assertThat(send("GET", BASE + "no-such-track/versions", "alice", null, null, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theAuditTrailIsPagedOldestFirst() throws Exception {
        JsonNode all = page(COPY + "/history", "ada");
        assertPage(all, 0, Page.DEFAULT_SIZE, 6);
        assertThat(strings(all, "action"))
                .containsExactly("IMPORT", "PUBLISH", "DRAFT_UPDATE", "PUBLISH", "DRAFT_UPDATE", "PUBLISH");

        JsonNode middle = page(COPY + "/history?page=1&size=2", "ada");
        assertPage(middle, 1, 2, 6);
        assertThat(strings(middle, "action")).containsExactly("DRAFT_UPDATE", "PUBLISH");
        assertThat(middle.get("items").get(0).get("id").asLong())
                .isEqualTo(all.get("items").get(2).get("id").asLong());

        JsonNode past = page(COPY + "/history?page=3&size=2", "ada");
        assertPage(past, 3, 2, 6);
        assertThat(past.get("items")).isEmpty();

        assertInvalid(COPY + "/history?size=" + (Page.MAX_SIZE + 1), "ada", "size");
        assertInvalid(COPY + "/history?page=-1", "ada", "page");
        assertThat(send("GET", BASE + "no-such-track/history", "ada", null, null, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theDraftsArePagedByName() throws Exception {
        long tracks = jdbc.sql("SELECT count(*) FROM track").query(Long.class).single();
        JsonNode all = page("/api/catalog/drafts?size=" + Page.MAX_SIZE, "ada");
        assertPage(all, 0, Page.MAX_SIZE, tracks);
        assertThat(all.get("items")).hasSize((int) tracks);
        assertThat(strings(all, "trackId")).contains("paging-copy", TRACK);

        JsonNode byDefault = page("/api/catalog/drafts", "ada");
        assertPage(byDefault, 0, Page.DEFAULT_SIZE, tracks);

        // page by page, the same entries in the same order
        List<String> paged = new ArrayList<>();
        for (int p = 0; p < tracks; p++) {
            JsonNode one = page("/api/catalog/drafts?page=" + p + "&size=1", "ada");
            assertPage(one, p, 1, tracks);
            paged.addAll(strings(one, "trackId"));
        }
        assertThat(paged).isEqualTo(strings(all, "trackId"));

        JsonNode past = page("/api/catalog/drafts?page=" + tracks + "&size=1", "ada");
        assertPage(past, (int) tracks, 1, tracks);
        assertThat(past.get("items")).isEmpty();

        assertInvalid("/api/catalog/drafts?size=" + (Page.MAX_SIZE + 1), "ada", "size");
        assertInvalid("/api/catalog/drafts?page=-1", "ada", "page");
    }

    @Test
    void searchHitsArePaged() throws Exception {
        JsonNode all = page("/api/catalog/search?q=security", "alice");
        long total = all.get("total").asLong();
        assertThat(total).isGreaterThan(3);
        assertPage(all, 0, Page.DEFAULT_SIZE, total);
        assertThat(all.get("items")).hasSize((int) Math.min(total, Page.DEFAULT_SIZE));

        JsonNode second = page("/api/catalog/search?q=security&page=1&size=2", "alice");
        assertPage(second, 1, 2, total);
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.get("items").get(0)).isEqualTo(all.get("items").get(2));

        JsonNode past = page("/api/catalog/search?q=security&page=1000&size=2", "alice");
        assertPage(past, 1000, 2, total);
        assertThat(past.get("items")).isEmpty();

        // each page has a tag of its own: a cached first page is no answer for the second
        String firstTag = send("GET", "/api/catalog/search?q=security&size=2", "alice", null, null, null).headers()
                .firstValue("ETag").orElseThrow();
        String secondTag = send("GET", "/api/catalog/search?q=security&page=1&size=2", "alice", null, null, null)
                .headers().firstValue("ETag").orElseThrow();
        assertThat(firstTag).isNotEqualTo(secondTag);

        assertInvalid("/api/catalog/search?q=security&size=" + (Page.MAX_SIZE + 1), "alice", "size");
        assertInvalid("/api/catalog/search?q=security&page=-1", "alice", "page");
    }

    private JsonNode page(String path, String user) throws Exception {
        HttpResponse<String> response = send("GET", path, user, null, null, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertPage(JsonNode page, int number, int size, long total) {
        assertThat(page.get("page").asInt()).isEqualTo(number);
        assertThat(page.get("size").asInt()).isEqualTo(size);
        assertThat(page.get("total").asLong()).isEqualTo(total);
        assertThat(page.get("items").isArray()).isTrue();
    }

    /** A 400 RFC 9457 problem naming the parameter, as for every other constraint on a parameter. */
    private void assertInvalid(String path, String user, String parameter) throws Exception {
        HttpResponse<String> response = send("GET", path, user, null, null, null);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(parameter);
    }

    private static List<String> strings(JsonNode page, String field) {
        List<String> values = new ArrayList<>();
        page.get("items").forEach(item -> values.add(item.get(field).asString()));
        return values;
    }

    private static List<Integer> ints(JsonNode page, String field) {
        List<Integer> values = new ArrayList<>();
        page.get("items").forEach(item -> values.add(item.get(field).asInt()));
        return values;
    }
}
