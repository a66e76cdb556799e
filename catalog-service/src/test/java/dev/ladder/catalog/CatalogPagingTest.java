package dev.ladder.catalog;

import dev.ladder.kit.web.Page;
import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list the catalog answers that grows with its history or its tracks is a page ({@link Page}): the versions of
 * a track, its audit trail, the admins' drafts, search, the published tracks and the certifications. A default page,
 * an explicit one, the largest size enforced (a 400 problem naming the parameter), a page past the end: empty, with
 * the right total, and for the cacheable ones an ETag per page. Works on a track it imports itself (the seed track
 * is only read), since the other API tests share this database.
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

    @Test
    void theTracksArePagedByName() throws Exception {
        long tracks = jdbc.sql("SELECT count(DISTINCT track_id) FROM catalog_version").query(Long.class).single();
        JsonNode all = page("/api/catalog/tracks?size=" + Page.MAX_SIZE, "alice");
        assertPage(all, 0, Page.MAX_SIZE, tracks);
        assertThat(all.get("items")).hasSize((int) tracks);
        assertThat(strings(all, "id")).contains("paging-copy", TRACK).doesNotHaveDuplicates();
        all.get("items").forEach(track -> {
            if (track.get("id").asString().equals("paging-copy")) {
                assertThat(track.get("latestVersion").asInt()).isEqualTo(3);
            }
        });

        JsonNode byDefault = page("/api/catalog/tracks", "alice");
        assertPage(byDefault, 0, Page.DEFAULT_SIZE, tracks);
        assertThat(byDefault.get("items")).hasSize((int) Math.min(tracks, Page.DEFAULT_SIZE));

        // page by page, the same tracks in the same order
        List<String> paged = new ArrayList<>();
        for (int p = 0; p < tracks; p++) {
            JsonNode one = page("/api/catalog/tracks?page=" + p + "&size=1", "alice");
            assertPage(one, p, 1, tracks);
            assertThat(one.get("items")).hasSize(1);
            paged.addAll(strings(one, "id"));
        }
        assertThat(paged).isEqualTo(strings(all, "id"));
        JsonNode second = page("/api/catalog/tracks?page=1&size=1", "alice");
        assertThat(second.get("items").get(0)).isEqualTo(all.get("items").get(1));

        JsonNode past = page("/api/catalog/tracks?page=" + tracks + "&size=1", "alice");
        assertPage(past, (int) tracks, 1, tracks);
        assertThat(past.get("items")).isEmpty();

        assertInvalid("/api/catalog/tracks?size=" + (Page.MAX_SIZE + 1), "alice", "size");
        assertInvalid("/api/catalog/tracks?size=0", "alice", "size");
        assertInvalid("/api/catalog/tracks?page=-1", "alice", "page");
        assertPagesTaggedApart("/api/catalog/tracks");
    }

    @Test
    void theCertificationsArePagedInPathwayOrder() throws Exception {
        JsonNode all = page("/api/catalog/certifications?size=" + Page.MAX_SIZE, "alice");
        long total = all.get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(12); // the seed track's, and whatever other tracks add
        assertPage(all, 0, Page.MAX_SIZE, total);
        assertThat(all.get("items")).hasSize((int) total);
        List<String> ids = strings(all, "id");
        assertThat(ids).doesNotHaveDuplicates().contains("comptia-security-plus", "cissp", "oscp");
        List<Integer> fromYears = new ArrayList<>();
        all.get("items").forEach(c -> fromYears.add(Integer.parseInt(c.get("pathwayYears").asString()
                .split("[-+]", 2)[0])));
        assertThat(fromYears).isSorted();

        JsonNode byDefault = page("/api/catalog/certifications", "alice");
        assertPage(byDefault, 0, Page.DEFAULT_SIZE, total);
        assertThat(strings(byDefault, "id")).isEqualTo(ids.subList(0, (int) Math.min(total, Page.DEFAULT_SIZE)));

        // page by page, the same certifications in the same order
        List<String> paged = new ArrayList<>();
        for (int p = 0; (long) p * 5 < total; p++) {
            JsonNode five = page("/api/catalog/certifications?page=" + p + "&size=5", "alice");
            assertPage(five, p, 5, total);
            paged.addAll(strings(five, "id"));
        }
        assertThat(paged).isEqualTo(ids);
        JsonNode second = page("/api/catalog/certifications?page=1&size=2", "alice");
        assertPage(second, 1, 2, total);
        assertThat(second.get("items")).containsExactly(all.get("items").get(2), all.get("items").get(3));

        JsonNode past = page("/api/catalog/certifications?page=1000&size=2", "alice");
        assertPage(past, 1000, 2, total);
        assertThat(past.get("items")).isEmpty();

        assertInvalid("/api/catalog/certifications?size=" + (Page.MAX_SIZE + 1), "alice", "size");
        assertInvalid("/api/catalog/certifications?size=0", "alice", "size");
        assertInvalid("/api/catalog/certifications?page=-1", "alice", "page");
        assertPagesTaggedApart("/api/catalog/certifications");
    }

    /**
     * Each page of a cacheable list has a tag of its own (a cached first page is no answer for the second, nor one
     * of another size), and a page revalidates by its own tag.
     */
    private void assertPagesTaggedApart(String path) throws Exception {
        String first = etag(path + "?page=0&size=1", null);
        String second = etag(path + "?page=1&size=1", null);
        String bigger = etag(path + "?page=0&size=2", null);
        assertThat(first).isNotEqualTo(second).isNotEqualTo(bigger);
        assertThat(second).isNotEqualTo(bigger);
        assertThat(etag(path, null)).isNotEqualTo(first);
        assertThat(etag(path + "?page=1&size=1", second)).as("revalidated").isEqualTo(second);
        HttpResponse<String> other = conditionalGet(path + "?page=1&size=1", first);
        assertThat(other.statusCode()).as("another page's tag").isEqualTo(200);
    }

    /** The ETag of a 200 (no If-None-Match) or of a 304 (If-None-Match {@code ifNoneMatch}). */
    private String etag(String path, String ifNoneMatch) throws Exception {
        HttpResponse<String> response = conditionalGet(path, ifNoneMatch);
        assertThat(response.statusCode()).as(path).isEqualTo(ifNoneMatch == null ? 200 : 304);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private HttpResponse<String> conditionalGet(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + LadderInfra.accessToken("alice"));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
