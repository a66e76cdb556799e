package dev.ladder.profile.organisation;

import dev.ladder.kit.web.Page;
import dev.ladder.profile.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists of profile-service that grow with the organisation are pages ({@link Page}): the teams someone leads, the
 * members inside each of them and the unverified-claims counts per team and track. A default page, an explicit one,
 * the largest size enforced (a 400 problem naming the parameter) and a page past the end (empty, with the right
 * total).
 */
class ProfilePagingTest extends OrganisationTest {

    @Test
    void theTeamsSomeoneLeadsArePagedByName() {
        OrgApi.Account lead = OrgApi.newAccount("pager", true);
        String leadId = signedIn(lead).path("id").asString();
        String prefix = unique("pg");
        // created out of name order; "Team <id>" sorts as the ids do
        for (String suffix : List.of("c", "a", "b")) {
            team(prefix + "-" + suffix, suffix.equals("b") ? null : leadId, suffix.equals("b") ? leadId : null);
        }
        String path = "/api/profiles/teams/mine";

        JsonNode first = ok(path, lead.username());
        assertPage(first, 0, Page.DEFAULT_SIZE, 3);
        assertThat(ids(first, "id")).containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");

        JsonNode second = ok(path + "?page=1&size=2", lead.username());
        assertPage(second, 1, 2, 3);
        assertThat(ids(second, "id")).containsExactly(prefix + "-c");

        JsonNode past = ok(path + "?page=9&size=2", lead.username());
        assertPage(past, 9, 2, 3);
        assertThat(past.path("items")).isEmpty();

        assertInvalid(path + "?size=" + (Page.MAX_SIZE + 1), lead.username(), "size");
        assertInvalid(path + "?size=0", lead.username(), "size");
        assertInvalid(path + "?page=-1", lead.username(), "page");
        assertThat(ok(path + "?size=" + Page.MAX_SIZE, lead.username()).path("items")).hasSize(3);
    }

    /**
     * A team's members inside a team are a page too ({@link dev.ladder.kit.web.MemberPaging}): the first
     * {@code memberSize} (default 50) in {@code GET /teams/mine}, the rest a page at a time from
     * {@code GET /teams/{id}?memberPage=}; every page carries the total of the team's active members.
     */
    @Test
    void theMembersOfATeamArePagedByNameAndCountedInFull() {
        OrgApi.Account lead = OrgApi.newAccount("mpager", true);
        String leadId = signedIn(lead).path("id").asString();
        String team = unique("mp");
        team(team, leadId, null);
        Set<String> everyone = new HashSet<>();
        for (int i = 0; i <= Page.DEFAULT_SIZE; i++) {
            everyone.add(provision(unique("mpp"), null, team).path("id").asString());
        }
        String retired = provision(unique("mpr"), null, team).path("id").asString();
        Api.Response retire = org.send("POST", "/api/profiles/admin/people/" + retired + "/retire", "ada", null,
                "If-Match", etag("/api/profiles/people/" + retired));
        assertThat(retire.status()).as(retire.raw()).isEqualTo(200);
        int total = everyone.size(); // 51 active members; the retired one is not counted

        JsonNode mine = ok("/api/profiles/teams/mine", lead.username()).at("/items/0/members");
        assertPage(mine, 0, Page.DEFAULT_SIZE, total);
        assertThat(mine.path("items")).hasSize(Page.DEFAULT_SIZE);
        JsonNode small = ok("/api/profiles/teams/mine?memberSize=2", lead.username()).at("/items/0/members");
        assertPage(small, 0, 2, total);

        String path = "/api/profiles/teams/" + team;
        JsonNode first = ok(path, lead.username());
        assertThat(first.path("id").asString()).isEqualTo(team);
        assertPage(first.path("members"), 0, Page.DEFAULT_SIZE, total);
        assertThat(ids(first.path("members"), "id")).isEqualTo(ids(mine, "id"));
        JsonNode second = ok(path + "?memberPage=1", lead.username()).path("members");
        assertPage(second, 1, Page.DEFAULT_SIZE, total);
        assertThat(second.path("items")).hasSize(total - Page.DEFAULT_SIZE);
        Set<String> seen = new HashSet<>(ids(first.path("members"), "id"));
        seen.addAll(ids(second, "id"));
        assertThat(seen).isEqualTo(everyone);
        List<String> names = new ArrayList<>();
        for (JsonNode page : List.of(first.path("members"), second)) {
            page.path("items").forEach(member -> names.add(member.path("displayName").asString()));
        }
        assertThat(names).isSorted();
        JsonNode past = ok(path + "?memberPage=3&memberSize=20", lead.username()).path("members");
        assertPage(past, 3, 20, total);
        assertThat(past.path("items")).isEmpty();
        assertThat(ok(path + "?memberSize=" + Page.MAX_SIZE, "ada").at("/members/items")).hasSize(total);

        for (String tooMany : List.of("/api/profiles/teams/mine?memberSize=" + (Page.MAX_SIZE + 1),
                "/api/profiles/teams/mine?memberSize=0", path + "?memberSize=" + (Page.MAX_SIZE + 1),
                path + "?memberSize=0")) {
            assertInvalid(tooMany, lead.username(), "memberSize");
        }
        assertInvalid(path + "?memberPage=-1", lead.username(), "memberPage");

        // someone who does not lead it gets what a team nobody has gets
        Api.Response notTheirs = org.get(path, "mark");
        Api.Response nobodys = org.get("/api/profiles/teams/" + unique("none"), "mark");
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(nobodys.status()).isEqualTo(404);
        assertThat(notTheirs.json().path("detail")).isEqualTo(nobodys.json().path("detail"));
    }

    @Test
    void theUnverifiedClaimsCountsArePagedByTeamAndTrack() {
        String prefix = unique("uv");
        for (String suffix : List.of("b", "a", "c")) {
            String team = prefix + "-" + suffix;
            team(team, null, null);
            String person = provision(unique("uvp"), null, team).path("id").asString();
            pendingSelfAssessment(person);
        }
        String path = "/api/profiles/verification/unverified-counts";

        JsonNode all = ok(path + "?size=" + Page.MAX_SIZE, "ada");
        long total = all.path("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(Page.MAX_SIZE);
        assertPage(all, 0, Page.MAX_SIZE, total);
        List<String> teams = ids(all, "teamId");
        assertThat(teams).containsSubsequence(prefix + "-a", prefix + "-b", prefix + "-c");
        JsonNode mine = all.path("items").get(teams.indexOf(prefix + "-a"));
        assertThat(mine.path("skills").asLong()).isEqualTo(1);
        assertThat(mine.path("certifications").asLong()).isZero();

        assertPage(ok(path, "ada"), 0, Page.DEFAULT_SIZE, total);

        // page by page, the same rows in the same order
        List<String> paged = new ArrayList<>();
        for (int p = 0; p < total; p++) {
            JsonNode one = ok(path + "?page=" + p + "&size=1", "ada");
            assertPage(one, p, 1, total);
            paged.addAll(ids(one, "teamId"));
        }
        assertThat(paged).isEqualTo(teams);

        JsonNode past = ok(path + "?page=" + total + "&size=1", "ada");
        assertPage(past, (int) total, 1, total);
        assertThat(past.path("items")).isEmpty();

        assertInvalid(path + "?size=" + (Page.MAX_SIZE + 1), "ada", "size");
        assertInvalid(path + "?page=-1", "ada", "page");
        assertThat(org.get(path, "mark").status()).isEqualTo(403);
    }

    private void pendingSelfAssessment(String employeeId) {
        jdbc.sql("""
                        insert into skill_assessment (id, employee_id, track_id, skill_id, proficiency, source,
                                                      assessed_by, assessed_on, recorded_at, state)
                        values (:id, :employee, 'ai-ml-security-specialist', 'threat-modeling', 3, 'SELF', :employee,
                                :on, :at, 'PENDING')""")
                .param("id", UUID.randomUUID()).param("employee", employeeId).param("on", LocalDate.of(2026, 1, 1))
                .param("at", Timestamp.from(Instant.now())).update();
    }

    private JsonNode ok(String path, String user) {
        Api.Response response = org.get(path, user);
        assertThat(response.status()).as(path + ": " + response.raw()).isEqualTo(200);
        return response.json();
    }

    private static void assertPage(JsonNode page, int number, int size, long total) {
        assertThat(page.path("page").asInt()).isEqualTo(number);
        assertThat(page.path("size").asInt()).isEqualTo(size);
        assertThat(page.path("total").asLong()).isEqualTo(total);
        assertThat(page.path("items").isArray()).isTrue();
    }

    /** A 400 RFC 9457 problem naming the parameter, as for every other constraint on a parameter. */
    private void assertInvalid(String path, String user, String parameter) {
        Api.Response response = org.get(path, user);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.errorFields()).containsExactly(parameter);
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> values = new ArrayList<>();
        page.path("items").forEach(item -> values.add(item.path(field).asString(null)));
        return values;
    }
}
