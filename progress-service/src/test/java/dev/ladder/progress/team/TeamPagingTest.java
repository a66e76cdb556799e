package dev.ladder.progress.team;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.kit.web.Page;
import dev.ladder.progress.support.Pages;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.Today;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static dev.ladder.progress.support.Pages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lists that grow with the organisation are pages ({@link Page}): the teams a manager leads, the rows of the
 * organisation overview and its filter options. Mark manages three teams of one member each: a default page, an
 * explicit one, the largest size enforced (a 400 problem naming the parameter) and a page past the end (empty, with
 * the right total).
 */
@Import(Today.class)
class TeamPagingTest implements ProgressServiceTest {

    static final String MARK = "22222222-2222-4222-8222-222222222222";

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    TestApi api;

    @BeforeAll
    void threeTeams() {
        api = new TestApi(json, port);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK, SeedTrack.version(1));
        for (String team : new String[] {"team-c", "team-a", "team-b"}) {
            String member = id();
            api.send(EventType.EMPLOYEE_UPDATED, id(), member, new EmployeeUpdated(member, "Member of " + team, null,
                    team, "Team " + team.substring(5).toUpperCase(), MARK, SeedTrack.TRACK, null,
                    LocalDate.of(2024, 1, 1), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(api.read("/api/progress/teams/mine", "mark").path("total").asLong()).isEqualTo(3));
    }

    @Test
    void theTeamsAManagerLeadsArePagedByTeamId() {
        JsonNode first = api.read("/api/progress/teams/mine", "mark");
        assertPage(first, 0, Page.DEFAULT_SIZE, 3);
        assertThat(first.path("items").findValuesAsString("teamId")).containsExactly("team-a", "team-b", "team-c");
        assertThat(first.at("/items/0/members/items")).hasSize(1);

        JsonNode second = api.read("/api/progress/teams/mine?page=1&size=2", "mark");
        assertPage(second, 1, 2, 3);
        assertThat(second.path("items").findValuesAsString("teamId")).containsExactly("team-c");

        JsonNode past = api.read("/api/progress/teams/mine?page=4&size=2", "mark");
        assertPage(past, 4, 2, 3);
        assertThat(past.path("items")).isEmpty();

        assertInvalid("/api/progress/teams/mine?size=" + (Page.MAX_SIZE + 1), "mark", "size");
        assertInvalid("/api/progress/teams/mine?size=0", "mark", "size");
        assertInvalid("/api/progress/teams/mine?page=-1", "mark", "page");
        assertThat(api.read("/api/progress/teams/mine?size=" + Page.MAX_SIZE, "mark").path("items")).hasSize(3);

        // someone who leads no team: an empty first page
        JsonNode none = api.read("/api/progress/teams/mine", "alice");
        assertPage(none, 0, Page.DEFAULT_SIZE, 0);
        assertThat(none.path("items")).isEmpty();
    }

    @Test
    void theRowsOfTheOrganisationOverviewArePagedAndTheTotalsCountThemAll() {
        JsonNode overview = api.read("/api/progress/admin/overview", "ada");
        assertPage(overview.path("rows"), 0, Page.DEFAULT_SIZE, 3);
        assertThat(overview.at("/rows/items").findValuesAsString("teamId"))
                .containsExactly("team-a", "team-b", "team-c");
        assertThat(overview.at("/totals/members").asInt()).isEqualTo(3);

        JsonNode second = api.read("/api/progress/admin/overview?page=1&size=2", "ada");
        assertPage(second.path("rows"), 1, 2, 3);
        assertThat(second.at("/rows/items").findValuesAsString("teamId")).containsExactly("team-c");
        // the totals are the organisation's, not the page's
        assertThat(second.at("/totals/members").asInt()).isEqualTo(3);

        JsonNode past = api.read("/api/progress/admin/overview?page=2&size=2", "ada");
        assertPage(past.path("rows"), 2, 2, 3);
        assertThat(past.at("/rows/items")).isEmpty();
        assertThat(past.at("/totals/members").asInt()).isEqualTo(3);

        JsonNode filtered = api.read("/api/progress/admin/overview?team=team-b&size=1", "ada");
        assertPage(filtered.path("rows"), 0, 1, 1);
        assertThat(filtered.at("/totals/members").asInt()).isEqualTo(1);

        assertInvalid("/api/progress/admin/overview?size=" + (Page.MAX_SIZE + 1), "ada", "size");
        assertInvalid("/api/progress/admin/overview?page=-1", "ada", "page");
    }

    /** The overview's filter options grow with the organisation too: lists of their own, paged the same way. */
    @Test
    void theOverviewsFilterOptionsArePagedById() {
        JsonNode teams = api.read("/api/progress/admin/overview/teams", "ada");
        assertPage(teams, 0, Page.DEFAULT_SIZE, 3);
        assertThat(teams.path("items").findValuesAsString("id")).containsExactly("team-a", "team-b", "team-c");
        assertThat(teams.path("items").findValuesAsString("name")).containsExactly("Team A", "Team B", "Team C");

        JsonNode second = api.read("/api/progress/admin/overview/teams?page=1&size=2", "ada");
        assertPage(second, 1, 2, 3);
        assertThat(second.path("items").findValuesAsString("id")).containsExactly("team-c");
        JsonNode past = api.read("/api/progress/admin/overview/teams?page=2&size=2", "ada");
        assertPage(past, 2, 2, 3);
        assertThat(past.path("items")).isEmpty();

        JsonNode tracks = api.read("/api/progress/admin/overview/tracks", "ada");
        assertPage(tracks, 0, Page.DEFAULT_SIZE, 1);
        assertThat(tracks.path("items").findValuesAsString("id")).containsExactly(SeedTrack.TRACK);

        for (String options : new String[] {"teams", "tracks"}) {
            String path = "/api/progress/admin/overview/" + options;
            assertInvalid(path + "?size=" + (Page.MAX_SIZE + 1), "ada", "size");
            assertInvalid(path + "?size=0", "ada", "size");
            assertInvalid(path + "?page=-1", "ada", "page");
        }
    }

    private void assertInvalid(String path, String user, String parameter) {
        Pages.assertInvalid(api.get(path, user), parameter);
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
