package dev.ladder.catalog;

import dev.ladder.catalog.validation.TrackLimits;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The draft's limits (validation.TrackLimits, each tested at its boundary there) through the doors a document comes
 * in by: over a limit is a 422 naming the list, and nothing is stored. Each test imports a track of its own.
 */
class DraftSizeLimitsTest extends CatalogApiTest {

    @Test
    void aDraftAtTheLimitIsStoredAndOneEntryMoreIsRefusedWithNothingStored() throws Exception {
        ObjectNode document = seedDocument("Certification Limit Copy");
        assertThat(send("POST", BASE + "import", "ada", document.toString(), "application/json", null)
                .statusCode()).isEqualTo(201);
        String track = BASE + "certification-limit-copy";
        document.put("id", "certification-limit-copy");

        fillCertificationsTo(document, TrackLimits.CERTIFICATIONS);
        HttpResponse<String> atTheLimit = send("PUT", track + "/draft", "ada", document.toString(),
                "application/json", "\"1\"");
        assertThat(atTheLimit.statusCode()).as(atTheLimit.body()).isEqualTo(200);
        assertThat(atTheLimit.headers().firstValue("ETag")).hasValue("\"2\"");

        fillCertificationsTo(document, TrackLimits.CERTIFICATIONS + 1);
        HttpResponse<String> over = send("PUT", track + "/draft", "ada", document.toString(), "application/json",
                "\"2\"");

        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(over.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode error = JSON.readTree(over.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("certifications");
        assertThat(error.get("message").asString()).isEqualTo("at most 200 certifications (has 201)");
        HttpResponse<String> stored = send("GET", track + "/draft", "ada", null, null, null);
        assertThat(stored.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(JSON.readTree(stored.body()).get("certifications")).hasSize(TrackLimits.CERTIFICATIONS);
    }

    @Test
    void anImportOverALimitCreatesNoTrack() throws Exception {
        ObjectNode document = seedDocument("Oversized Name Copy");
        ObjectNode skill = (ObjectNode) document.get("levels").get(0).get("skills").get(0);
        skill.put("name", "n".repeat(TrackLimits.NAME_LENGTH + 1));

        HttpResponse<String> imported = send("POST", BASE + "import", "ada", document.toString(), "application/json",
                null);

        assertThat(imported.statusCode()).isEqualTo(422);
        JsonNode error = JSON.readTree(imported.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("levels[0].skills[0].name");
        assertThat(error.get("message").asString()).isEqualTo("at most 300 characters (has 301)");
        assertThat(send("GET", BASE + "oversized-name-copy/draft", "ada", null, null, null).statusCode())
                .isEqualTo(404);
    }

    private ObjectNode seedDocument(String name) throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(send("GET", BASE + TRACK + "/export?format=json&version=1",
                "ada", null, null, null).body());
        document.put("name", name);
        return document;
    }

    /** Adds made-up certifications (no level requires them) until there are {@code count}. */
    private static void fillCertificationsTo(ObjectNode document, int count) {
        ArrayNode certifications = (ArrayNode) document.get("certifications");
        while (certifications.size() < count) {
            certifications.add(JSON.createObjectNode().put("id", "extra-" + certifications.size())
                    .put("name", "Extra " + certifications.size()).put("pathwayYears", "1-2"));
        }
    }
}
