package dev.ladder.progress.impact;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.kit.web.Page;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.TestLevels;
import dev.ladder.progress.support.Today;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.ladder.progress.support.Pages.assertInvalid;
import static dev.ladder.progress.support.Pages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The impact preview answers who the draft changes a page at a time, losses first, and counts gains and losses over
 * everyone: one more person would lose than a default page holds (their CEH no longer counts when Mid-Level takes
 * only CISSP), two holders of a CISSP would gain (and the skills group is dropped for all).
 */
@Import(Today.class)
class ImpactPagingTest implements ProgressServiceTest {

    static final int LOSING = Page.DEFAULT_SIZE + 1;
    static final int GAINING = 2;

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    TestApi api;
    final Set<String> losing = new HashSet<>();
    final Set<String> gaining = new HashSet<>();

    @BeforeAll
    void people() {
        api = new TestApi(json, port);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK, SeedTrack.version(1));
        for (int i = 0; i < LOSING + GAINING; i++) {
            String person = (i < LOSING ? "loses-" : "gains-") + id();
            (i < LOSING ? losing : gaining).add(person);
            api.send(EventType.EMPLOYEE_UPDATED, id(), person, new EmployeeUpdated(person, "P " + person, null, null,
                    null, null, SeedTrack.TRACK, null, LocalDate.of(2020, 1, 1), Instant.now()));
            api.send(EventType.CERTIFICATION_RECORDED, id(), person, new CertificationRecorded(id(), person,
                    i < LOSING ? "ceh" : "cissp", "C", null, LocalDate.of(2021, 1, 1), null, Instant.now()));
        }
        // every event applied: the preview sees everyone as the test means them to be
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
            JsonNode answer = preview("");
            assertThat(answer.path("losses").asInt()).isEqualTo(LOSING);
            assertThat(answer.path("gains").asInt()).isEqualTo(GAINING);
        });
    }

    @Test
    void theAffectedPeopleComeAPageAtATimeLossesFirstAndTheCountsCoverEveryone() {
        JsonNode first = preview("");
        assertPage(first.path("people"), 0, Page.DEFAULT_SIZE, LOSING + GAINING);
        assertThat(first.at("/people/items")).hasSize(Page.DEFAULT_SIZE)
                .allSatisfy(impact -> assertThat(impact.path("change").asString()).isEqualTo("LOSS"));

        JsonNode second = preview("?page=1");
        assertPage(second.path("people"), 1, Page.DEFAULT_SIZE, LOSING + GAINING);
        assertThat(second.at("/people/items").findValuesAsString("change")).containsExactly("LOSS", "GAIN", "GAIN");
        // the counts are everyone's, on every page
        assertThat(second.path("losses").asInt()).isEqualTo(LOSING);
        assertThat(second.path("gains").asInt()).isEqualTo(GAINING);

        List<String> people = new ArrayList<>(first.at("/people/items").findValuesAsString("employeeId"));
        people.addAll(second.at("/people/items").findValuesAsString("employeeId"));
        Set<String> everyone = new HashSet<>(losing);
        everyone.addAll(gaining);
        assertThat(people).hasSize(LOSING + GAINING).containsExactlyInAnyOrderElementsOf(everyone);
        // by name within the losses
        assertThat(people.subList(0, LOSING)).isSorted();

        JsonNode past = preview("?page=9&size=10");
        assertPage(past.path("people"), 9, 10, LOSING + GAINING);
        assertThat(past.at("/people/items")).isEmpty();
        assertThat(past.path("losses").asInt()).isEqualTo(LOSING);
        assertThat(preview("?size=" + Page.MAX_SIZE).at("/people/items")).hasSize(LOSING + GAINING);
    }

    @Test
    void aPageOutOfRangeIsAProblemNamingTheParameter() {
        assertInvalid(post("?size=" + (Page.MAX_SIZE + 1)), "size");
        assertInvalid(post("?size=0"), "size");
        assertInvalid(post("?page=-1"), "page");
    }

    /** Mid-Level without its skills group and with CISSP as its one certification. */
    static CatalogVersionPublished draft() {
        return CatalogChangeTest.versionTwoWithMid(groups -> groups.stream()
                .filter(g -> !g.id().equals("mid-skills"))
                .map(g -> !g.id().equals("mid-certifications") ? g
                        : TestLevels.anyCertificationOf(g.id(), List.of("cissp")))
                .toList());
    }

    private HttpResponse<String> post(String query) {
        return api.post("/api/progress/admin/impact-preview" + query, "ada", json.writeValueAsString(draft()));
    }

    private JsonNode preview(String query) {
        HttpResponse<String> response = post(query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
