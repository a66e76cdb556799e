package dev.ladder.progress.team;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.Today;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mark's team ai-security (alice, bob) as their manager sees it: JSON and CSV; others are kept out. */
@Import(Today.class)
class TeamReadinessTest implements ProgressServiceTest {

    static final String ALICE = "11111111-1111-4111-8111-111111111111";
    static final String MARK = "22222222-2222-4222-8222-222222222222";
    static final String BOB = "44444444-4444-4444-8444-444444444444";
    static final String TEAM = "/api/progress/teams/ai-security";

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    TestApi api;

    @BeforeAll
    void team() {
        api = new TestApi(json, port);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK, SeedTrack.version(1));
        member(ALICE, "Alice Anders", LocalDate.of(2024, 9, 1));
        member(BOB, "Bob Berg", LocalDate.of(2021, 3, 1));
        api.send(EventType.CERTIFICATION_RECORDED, id(), ALICE, new CertificationRecorded(id(), ALICE,
                "comptia-security-plus", "C", null, LocalDate.of(2024, 1, 15), LocalDate.of(2027, 1, 15),
                Instant.now()));
        List<String> skills = SeedTrack.midSkillIds();
        for (int i = 0; i < 4; i++) {
            api.send(EventType.SKILL_ASSESSED, id(), BOB, new SkillAssessed(id(), BOB, skills.get(i), i == 3 ? 2 : 3,
                    SkillAssessed.Source.MANAGER, MARK, LocalDate.of(2026, 10, 1), Instant.now()));
        }
        // everything sent above, as the manager's view shows it: both are mark's team (their profiles applied), alice
        // has her certification, and bob all four assessments — the last one (proficiency 2) included, which his
        // readiness alone would not tell (50% is reached with the first three)
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonNode team = api.read(TEAM, "mark");
            assertThat(team.at("/members/items").findValuesAsString("employeeId"))
                    .containsExactlyInAnyOrder(ALICE, BOB);
            assertThat(api.read("/api/progress/employees/" + ALICE, "ada").path("readinessPercent").asInt())
                    .isEqualTo(33);
            assertThat(api.read("/api/progress/employees/" + BOB, "ada").path("readinessPercent").asInt())
                    .isEqualTo(50);
            assertThat(cell(team.at("/skillGaps/skills").get(3), BOB).path("assessed").asInt()).isEqualTo(2);
        });
    }

    @Test
    void theManagerSeesLevelsReadinessSkillGapsAndExpiringCertifications() {
        JsonNode team = api.read(TEAM, "mark");

        assertThat(team.path("teamName").asString()).isEqualTo("AI Security");
        assertThat(team.at("/members/items")).hasSize(2);
        assertThat(team.at("/members/total").asLong()).isEqualTo(2);
        assertThat(team.at("/members/items/0/currentLevelName").asString()).isEqualTo("Entry Level");
        assertThat(team.at("/members/items/0/nextLevelId").asString()).isEqualTo("mid");
        assertThat(team.at("/members/items/0/nextLevelName").asString()).isEqualTo("Mid-Level");
        assertThat(team.at("/levelDistribution/entry").asInt()).isEqualTo(2);
        assertThat(team.at("/readinessHistogram/25-49").asInt()).isEqualTo(1);
        assertThat(team.at("/readinessHistogram/50-74").asInt()).isEqualTo(1);
        assertThat(team.at("/readinessHistogram/100").asInt()).isZero();
        JsonNode rows = team.at("/skillGaps/skills");
        assertThat(rows).hasSize(SeedTrack.midSkillIds().size());
        JsonNode fourth = rows.get(3);
        assertThat(fourth.path("skillId").asString()).isEqualTo(SeedTrack.midSkillIds().get(3));
        JsonNode bobsCell = cell(fourth, BOB);
        assertThat(bobsCell.path("assessed").asInt()).isEqualTo(2);
        assertThat(bobsCell.path("required").asInt()).isEqualTo(3);
        assertThat(bobsCell.path("gap").asBoolean()).isTrue();
        assertThat(cell(rows.get(0), BOB).path("gap").asBoolean()).isFalse();
        assertThat(cell(rows.get(0), ALICE).path("assessed").isNull()).isTrue();
        assertThat(team.at("/expiringCertifications/total").asLong()).isEqualTo(1);
        JsonNode expiring = team.at("/expiringCertifications/items");
        assertThat(expiring).hasSize(1);
        assertThat(expiring.at("/0/employeeId").asString()).isEqualTo(ALICE);
        assertThat(expiring.at("/0/expiresOn").asString()).isEqualTo("2027-01-15");
        assertThat(expiring.at("/0/daysLeft").asInt()).isEqualTo(51);

        JsonNode mine = api.read("/api/progress/teams/mine", "mark");
        assertThat(mine.path("items")).hasSize(1);
        assertThat(mine.path("total").asLong()).isEqualTo(1);
        assertThat(mine.at("/items/0/teamId").asString()).isEqualTo("ai-security");
    }

    @Test
    void theSameDataExportsAsCsv() throws IOException {
        HttpResponse<String> csv = api.get(TEAM + "/export.csv", "mark");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv"));
        // RFC 4180, every field quoted, CRLF records (TeamCsvTest has the hostile values)
        assertThat(csv.body()).startsWith("\"employeeId\",\"displayName\",\"currentLevel\",\"nextLevel\"")
                .endsWith("\r\n");
        List<CSVRecord> records = TeamCsvTest.parse(csv.body());
        assertThat(records).hasSize(3);
        assertThat(records.get(0).toList()).startsWith("employeeId", "displayName", "currentLevel", "nextLevel",
                "readinessPercent").endsWith("expiringCertifications");
        assertThat(records).anySatisfy(record -> {
            assertThat(record.toList()).startsWith(ALICE, "Alice Anders", "entry", "mid", "33", "25-49")
                    .endsWith("comptia-security-plus@2027-01-15");
            assertThat(record.size()).isEqualTo(records.get(0).size());
        });
    }

    @Test
    void onlyTheTeamsManagerAndAdminsSeeIt() {
        assertThat(api.get(TEAM, "ada").statusCode()).isEqualTo(200);
        assertThat(api.get(TEAM, "alice").statusCode()).isEqualTo(403);
        assertThat(api.get(TEAM + "/export.csv", "bob").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/progress/teams/no-such-team", "ada").statusCode()).isEqualTo(404);
        assertThat(api.get(TEAM, null).statusCode()).isEqualTo(401);
        JsonNode none = api.read("/api/progress/teams/mine", "alice");
        assertThat(none.path("items")).isEmpty();
        assertThat(none.path("total").asLong()).isZero();
    }

    // ---- charts: a member's timeline, the team's trends, the organisation overview (issue 12) -------------------

    /** Bob's four assessments of 2026-10-01 move his readiness that day; the day before he stood lower. */
    @Test
    void aMembersTimelineHasAPointPerChangeAndTheEventsThatMovedIt() {
        JsonNode timeline = api.read("/api/progress/employees/" + BOB + "/timeline", "mark");

        assertThat(timeline.path("from").asString()).isEqualTo("2025-11-25");
        assertThat(timeline.path("to").asString()).isEqualTo("2026-11-25");
        JsonNode points = timeline.path("points");
        assertThat(points.get(0).path("day").asString()).isEqualTo("2025-11-25");
        assertThat(points.get(0).path("readinessPercent").asInt()).isLessThan(50);
        assertThat(points.get(points.size() - 1).path("day").asString()).isEqualTo("2026-11-25");
        assertThat(points.get(points.size() - 1).path("readinessPercent").asInt()).isEqualTo(50);
        assertThat(points.get(points.size() - 1).path("levelName").asString()).isEqualTo("Entry Level");
        assertThat(points.get(points.size() - 1).path("nextLevelName").asString()).isEqualTo("Mid-Level");
        JsonNode october = null;
        for (JsonNode point : points) {
            if (point.path("day").asString().equals("2026-10-01")) {
                october = point;
            }
        }
        assertThat(october).as("a point on the day of the assessments in %s", points).isNotNull();
        assertThat(october.path("readinessPercent").asInt()).isEqualTo(50);
        List<JsonNode> assessed = new java.util.ArrayList<>();
        for (JsonNode event : timeline.path("events")) {
            if (event.path("kind").asString().equals("SKILL_ASSESSED")) {
                assessed.add(event);
            }
        }
        assertThat(assessed).hasSize(4).allSatisfy(e -> {
            assertThat(e.path("day").asString()).isEqualTo("2026-10-01");
            assertThat(e.path("label").asString()).contains("assessed at");
        });
        // the same answers as "as of" those days
        assertThat(api.read("/api/progress/employees/" + BOB + "?asOf=2025-11-25", "mark").path("readinessPercent")
                .asInt()).isEqualTo(points.get(0).path("readinessPercent").asInt());

        JsonNode mine = api.read("/api/progress/me/timeline?from=2026-09-01", "bob");
        assertThat(mine.path("employeeId").asString()).isEqualTo(BOB);
        assertThat(mine.path("from").asString()).isEqualTo("2026-09-01");
        assertThat(mine.path("points").get(0).path("readinessPercent").asInt()).isLessThan(50);
    }

    @Test
    void aTimelineIsForThePersonTheirManagerAndAdminsOverABoundedRange() {
        assertThat(api.get("/api/progress/employees/" + BOB + "/timeline", "alice").statusCode()).isEqualTo(403);
        // someone unknown answers alice exactly as bob does: she cannot tell who exists
        HttpResponse<String> hisAnswer = api.get("/api/progress/employees/" + BOB + "/timeline", "alice");
        HttpResponse<String> unknownAnswer = api.get("/api/progress/employees/no-such-person/timeline", "alice");
        assertThat(unknownAnswer.statusCode()).isEqualTo(hisAnswer.statusCode());
        assertThat(unknownAnswer.body().replace("no-such-person", BOB)).isEqualTo(hisAnswer.body());
        assertThat(api.get("/api/progress/employees/" + BOB + "/timeline", "ada").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/progress/employees/" + BOB + "/timeline", null).statusCode()).isEqualTo(401);

        HttpResponse<String> future = api.get("/api/progress/me/timeline?to=2027-01-01", "bob");
        assertThat(future.statusCode()).isEqualTo(422);
        assertThat(json.readTree(future.body()).path("errors").findValuesAsString("field")).containsExactly("to");
        HttpResponse<String> inverted = api.get("/api/progress/me/timeline?from=2026-11-01&to=2026-10-01", "bob");
        assertThat(inverted.statusCode()).isEqualTo(422);
        assertThat(json.readTree(inverted.body()).path("errors").findValuesAsString("field")).containsExactly("from");
        HttpResponse<String> tooLong = api.get("/api/progress/me/timeline?from=2020-01-01", "bob");
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(json.readTree(tooLong.body()).path("errors").findValuesAsString("field")).containsExactly("from");
        assertThat(api.get("/api/progress/me/timeline?from=yesterday", "bob").statusCode()).isEqualTo(400);
    }

    /**
     * Alice's Security+ lapses on 2027-01-15 (51 days ahead): on that day her readiness loses what the certification
     * gave her; Bob (50%) is closest to his next level; both were counted in every month since they started.
     */
    @Test
    void theTeamsTrendsShowMonthsTheClosestAndWhatEachLapseCosts() {
        JsonNode trends = api.read(TEAM + "/trends", "mark");

        JsonNode months = trends.path("months");
        assertThat(months).hasSize(12);
        assertThat(months.get(11).path("month").asString()).isEqualTo("2026-11");
        assertThat(months.get(11).path("day").asString()).isEqualTo("2026-11-25");
        assertThat(months.get(11).path("members").asInt()).isEqualTo(2);
        assertThat(months.get(11).at("/readiness/25-49").asInt()).isEqualTo(1);
        assertThat(months.get(11).at("/readiness/50-74").asInt()).isEqualTo(1);
        assertThat(months.get(11).at("/levels/entry").asInt()).isEqualTo(2);
        // alice started in September 2024: counted in every month shown; bob's October assessments show from then
        assertThat(months.get(0).path("members").asInt()).isEqualTo(2);
        assertThat(months.get(10).path("month").asString()).isEqualTo("2026-10");
        assertThat(months.get(10).at("/readiness/50-74").asInt()).isEqualTo(1);
        assertThat(months.get(9).at("/readiness/50-74").asInt()).isZero();
        assertThat(trends.at("/levelNames/entry").asString()).isEqualTo("Entry Level");

        assertThat(trends.at("/closestToNext/0/employeeId").asString()).isEqualTo(BOB);
        assertThat(trends.at("/closestToNext/0/readinessPercent").asInt()).isEqualTo(50);
        assertThat(trends.at("/closestToNext/1/employeeId").asString()).isEqualTo(ALICE);

        JsonNode expiries = trends.path("expiries");
        assertThat(expiries).hasSize(1);
        JsonNode lapse = expiries.get(0);
        assertThat(lapse.path("employeeId").asString()).isEqualTo(ALICE);
        assertThat(lapse.path("certificationId").asString()).isEqualTo("comptia-security-plus");
        assertThat(lapse.path("lapsesOn").asString()).isEqualTo("2027-01-15");
        assertThat(lapse.path("daysLeft").asInt()).isEqualTo(51);
        int before = lapse.path("readinessBefore").asInt();
        assertThat(before).isGreaterThanOrEqualTo(33);
        assertThat(lapse.path("readinessAfter").asInt()).isLessThan(before);
        assertThat(lapse.path("readinessCost").asInt())
                .isEqualTo(before - lapse.path("readinessAfter").asInt()).isPositive();
        assertThat(lapse.path("levelLost").asBoolean()).isFalse();

        assertThat(api.get(TEAM + "/trends", "alice").statusCode()).isEqualTo(403);
        // a team that does not exist answers alice as one she does not lead
        assertThat(api.get("/api/progress/teams/no-such-team/trends", "alice").statusCode()).isEqualTo(403);
        assertThat(api.get(TEAM + "/trends", "ada").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/progress/teams/no-such-team/trends", "ada").statusCode()).isEqualTo(404);
    }

    @Test
    void adminsSeeTheOrganisationOverviewFiltered() {
        JsonNode overview = api.read("/api/progress/admin/overview", "ada");

        JsonNode teams = api.read("/api/progress/admin/overview/teams", "ada");
        assertThat(teams.path("items").findValuesAsString("id")).containsExactly("ai-security");
        assertThat(teams.at("/items/0/name").asString()).isEqualTo("AI Security");
        JsonNode tracks = api.read("/api/progress/admin/overview/tracks", "ada");
        assertThat(tracks.path("items").findValuesAsString("id")).containsExactly(SeedTrack.TRACK);
        assertThat(tracks.at("/items/0/name").asString()).isEqualTo(SeedTrack.version(1).trackName());
        JsonNode row = overview.at("/rows/items/0");
        assertThat(overview.at("/rows/items")).hasSize(1);
        assertThat(overview.at("/rows/total").asLong()).isEqualTo(1);
        assertThat(row.path("teamName").asString()).isEqualTo("AI Security");
        assertThat(row.path("members").asInt()).isEqualTo(2);
        assertThat(row.at("/levelDistribution/entry").asInt()).isEqualTo(2);
        assertThat(row.at("/levelNames/entry").asString()).isEqualTo("Entry Level");
        assertThat(row.path("averageReadiness").asDouble()).isEqualTo(41.5);
        assertThat(row.path("expiringWithin90Days").asInt()).isEqualTo(1);
        assertThat(overview.at("/totals/members").asInt()).isEqualTo(2);

        assertThat(api.read("/api/progress/admin/overview?team=ai-security&track=" + SeedTrack.TRACK, "ada")
                .at("/rows/items")).hasSize(1);
        JsonNode nobody = api.read("/api/progress/admin/overview?track=no-such-track", "ada");
        assertThat(nobody.at("/rows/items")).isEmpty();
        assertThat(api.read("/api/progress/admin/overview?team=-", "ada").at("/rows/items")).isEmpty();

        HttpResponse<String> blank = api.get("/api/progress/admin/overview?team=%20", "ada");
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(json.readTree(blank.body()).path("errors").findValuesAsString("field")).containsExactly("team");
        assertThat(api.get("/api/progress/admin/overview", "mark").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/progress/admin/overview", "alice").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/progress/admin/overview/teams", "mark").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/progress/admin/overview/tracks", "mark").statusCode()).isEqualTo(403);
    }

    JsonNode cell(JsonNode row, String employee) {
        for (JsonNode cell : row.path("members")) {
            if (employee.equals(cell.path("employeeId").asString())) {
                return cell;
            }
        }
        throw new AssertionError("no cell for " + employee + " in " + row);
    }

    void member(String id, String name, LocalDate start) {
        api.send(EventType.EMPLOYEE_UPDATED, id(), id, new EmployeeUpdated(id, name, null, "ai-security",
                "AI Security", MARK, SeedTrack.TRACK, null, start, Instant.now()));
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
