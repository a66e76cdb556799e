package dev.ladder.progress.team;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.kit.web.MemberPaging;
import dev.ladder.kit.web.Page;
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

import java.io.IOException;
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
 * The lists of people inside a team's dashboard are pages ({@link MemberPaging}), whatever the size of the team:
 * Mark's team has one member more than a default page, each with a certification lapsing within 90 days. The
 * members, their cells of the skill-gap matrix and the expiring certifications come a page at a time; the level
 * distribution and the readiness histogram still count everyone, and so does the CSV.
 */
@Import(Today.class)
class TeamMembersPagingTest implements ProgressServiceTest {

    static final String MARK = "22222222-2222-4222-8222-222222222222";
    static final String TEAM = "/api/progress/teams/big";
    static final int MEMBERS = Page.DEFAULT_SIZE + 1;

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    TestApi api;
    final Set<String> everyone = new HashSet<>();

    @BeforeAll
    void aTeamOfOneMoreThanAPage() {
        api = new TestApi(json, port);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK, SeedTrack.version(1));
        for (int i = 0; i < MEMBERS; i++) {
            String member = id();
            everyone.add(member);
            // "Member 00" … "Member 50": the dashboard's order (by name) is the order they were sent in
            api.send(EventType.EMPLOYEE_UPDATED, id(), member, new EmployeeUpdated(member,
                    "Member %02d".formatted(i), null, "big", "Big Team", MARK, SeedTrack.TRACK, null,
                    LocalDate.of(2024, 9, 1), Instant.now()));
            api.send(EventType.CERTIFICATION_RECORDED, id(), member, new CertificationRecorded(id(), member,
                    "comptia-security-plus", "C", null, LocalDate.of(2024, 1, 15), LocalDate.of(2027, 1, 15),
                    Instant.now()));
        }
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
            JsonNode team = api.read(TEAM, "mark");
            assertThat(team.at("/members/total").asLong()).isEqualTo(MEMBERS);
            assertThat(team.at("/expiringCertifications/total").asLong()).isEqualTo(MEMBERS);
        });
    }

    @Test
    void theDashboardAnswersAPageOfItsPeopleAndCountsEveryone() throws IOException {
        JsonNode first = api.read(TEAM, "mark");
        assertPage(first.path("members"), 0, Page.DEFAULT_SIZE, MEMBERS);
        assertThat(first.at("/members/items")).hasSize(Page.DEFAULT_SIZE);
        assertPage(first.path("expiringCertifications"), 0, Page.DEFAULT_SIZE, MEMBERS);
        assertThat(first.at("/expiringCertifications/items")).hasSize(Page.DEFAULT_SIZE);
        assertMatrixOfThePage(first);
        assertCountsEveryone(first);

        JsonNode second = api.read(TEAM + "?memberPage=1", "mark");
        assertPage(second.path("members"), 1, Page.DEFAULT_SIZE, MEMBERS);
        assertThat(second.at("/members/items")).hasSize(MEMBERS - Page.DEFAULT_SIZE);
        assertThat(second.at("/members/items/0/displayName").asString()).isEqualTo("Member 50");
        assertPage(second.path("expiringCertifications"), 1, Page.DEFAULT_SIZE, MEMBERS);
        assertThat(second.at("/expiringCertifications/items")).hasSize(MEMBERS - Page.DEFAULT_SIZE);
        assertMatrixOfThePage(second);
        assertCountsEveryone(second);
        // the matrix keeps its rows from page to page: the skills of the whole team
        assertThat(second.at("/skillGaps/skills").findValuesAsString("skillId"))
                .isEqualTo(first.at("/skillGaps/skills").findValuesAsString("skillId"));

        // the second page holds the rest: together, everyone, once
        List<String> members = new ArrayList<>(first.at("/members/items").findValuesAsString("employeeId"));
        members.addAll(second.at("/members/items").findValuesAsString("employeeId"));
        assertThat(members).hasSize(MEMBERS).containsExactlyInAnyOrderElementsOf(everyone);
        List<String> holders = new ArrayList<>(first.at("/expiringCertifications/items")
                .findValuesAsString("employeeId"));
        holders.addAll(second.at("/expiringCertifications/items").findValuesAsString("employeeId"));
        assertThat(holders).hasSize(MEMBERS).containsExactlyInAnyOrderElementsOf(everyone);

        JsonNode small = api.read(TEAM + "?memberPage=2&memberSize=20", "mark");
        assertPage(small.path("members"), 2, 20, MEMBERS);
        assertThat(small.at("/members/items")).hasSize(MEMBERS - 40);
        JsonNode past = api.read(TEAM + "?memberPage=3&memberSize=20", "mark");
        assertPage(past.path("members"), 3, 20, MEMBERS);
        assertThat(past.at("/members/items")).isEmpty();
        assertThat(past.at("/expiringCertifications/items")).isEmpty();
        assertCountsEveryone(past);
        assertThat(api.read(TEAM + "?memberSize=" + Page.MAX_SIZE, "ada").at("/members/items")).hasSize(MEMBERS);

        // a download is the whole team: a header and a row per member
        assertThat(TeamCsvTest.parse(api.get(TEAM + "/export.csv", "mark").body())).hasSize(1 + MEMBERS);
    }

    @Test
    void theTeamsAManagerLeadsCarryTheFirstPageOfTheirPeople() {
        JsonNode team = api.read("/api/progress/teams/mine", "mark").at("/items/0");
        assertThat(team.path("teamId").asString()).isEqualTo("big");
        assertPage(team.path("members"), 0, Page.DEFAULT_SIZE, MEMBERS);
        assertThat(team.at("/members/items")).hasSize(Page.DEFAULT_SIZE);
        assertPage(team.path("expiringCertifications"), 0, Page.DEFAULT_SIZE, MEMBERS);
        assertCountsEveryone(team);

        JsonNode small = api.read("/api/progress/teams/mine?memberSize=10", "mark").at("/items/0");
        assertPage(small.path("members"), 0, 10, MEMBERS);
        assertThat(small.at("/members/items")).hasSize(10);
        assertThat(small.at("/expiringCertifications/items")).hasSize(10);
        assertMatrixOfThePage(small);
    }

    @Test
    void aMemberPageOutOfRangeIsAProblemNamingTheParameter() {
        for (String path : List.of("/api/progress/teams/mine", TEAM)) {
            assertInvalid(api.get(path + "?memberSize=" + (Page.MAX_SIZE + 1), "mark"), "memberSize");
            assertInvalid(api.get(path + "?memberSize=0", "mark"), "memberSize");
        }
        assertInvalid(api.get(TEAM + "?memberPage=-1", "mark"), "memberPage");
    }

    /** Every row of the skill-gap matrix has a cell for each member of the page, in the page's order, and no other. */
    private static void assertMatrixOfThePage(JsonNode team) {
        List<String> onPage = team.at("/members/items").findValuesAsString("employeeId");
        assertThat(team.at("/skillGaps/skills")).isNotEmpty().allSatisfy(row ->
                assertThat(row.path("members").findValuesAsString("employeeId")).isEqualTo(onPage));
    }

    /** The level distribution and the readiness histogram are the whole team's, whichever page is shown. */
    private static void assertCountsEveryone(JsonNode team) {
        assertThat(team.at("/levelDistribution/entry").asInt()).isEqualTo(MEMBERS);
        int histogram = 0;
        for (JsonNode count : team.path("readinessHistogram")) {
            histogram += count.asInt();
        }
        assertThat(histogram).isEqualTo(MEMBERS);
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
