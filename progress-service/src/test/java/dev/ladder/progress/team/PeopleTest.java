package dev.ladder.progress.team;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.Today;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * People whose employee id is not their sign-in subject: callers are resolved by subject for /me, what-if, manager
 * checks and team dashboards; a deputy has the manager's read rights; a retired member leaves the dashboard but keeps
 * their history.
 */
@Import(Today.class)
class PeopleTest implements ProgressServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    TestApi api;

    final String team = "people-" + UUID.randomUUID();
    final String alice = UUID.randomUUID().toString(); // employee ids, unlike the accounts' subjects
    final String mark = UUID.randomUUID().toString();
    final String bob = UUID.randomUUID().toString();
    final String retired = UUID.randomUUID().toString();

    @BeforeAll
    void people() {
        api = new TestApi(json, port);
        send(SeedTrack.TRACK, EventType.CATALOG_VERSION_PUBLISHED, SeedTrack.version(1));
        // mark manages the team, bob deputises (bob has no manager role), one member is retired
        person(mark, subjectOf("mark"), "Mark Meyer", null, null, null, true);
        person(bob, subjectOf("bob"), "Bob Berg", team, mark, mark, true);
        person(alice, subjectOf("alice"), "Alice Anders", team, mark, bob, true);
        person(retired, null, "Rita Retired", team, mark, bob, false);
        send(alice, EventType.CERTIFICATION_RECORDED, new CertificationRecorded(UUID.randomUUID().toString(), alice,
                SeedTrack.certificationIds("mid").get(0), "CRED", null, LocalDate.of(2025, 1, 1), null,
                Instant.now()));
        send(retired, EventType.CERTIFICATION_RECORDED, new CertificationRecorded(UUID.randomUUID().toString(),
                retired, SeedTrack.certificationIds("mid").get(0), "CRED", null, LocalDate.of(2024, 1, 1), null,
                Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM employee")
                .query(Integer.class).single() == 4 && jdbc.sql("SELECT count(*) FROM progress WHERE employee_id "
                + "IN (:a, :r) AND readiness_percent > 0").param("a", alice).param("r", retired)
                .query(Integer.class).single() == 2);
    }

    @Test
    void anEmployeeReadsTheirOwnProgressWithTheirTokenThoughTheirIdIsNotTheirSubject() {
        JsonNode me = api.read("/api/progress/me", "alice");
        assertThat(me.path("employeeId").asString()).isEqualTo(alice);
        assertThat(me.path("readinessPercent").asInt()).isEqualTo(33);
        assertThat(api.read("/api/progress/me?asOf=2025-06-01", "alice").path("employeeId").asString())
                .isEqualTo(alice);
        var whatIf = api.post("/api/progress/me/what-if", "alice", "{\"certifications\":[],\"skills\":[]}");
        assertThat(whatIf.statusCode()).as(whatIf.body()).isEqualTo(200);
        assertThat(json.readTree(whatIf.body()).path("employeeId").asString()).isEqualTo(alice);
        // her own record by its id, not by her subject
        assertThat(api.get("/api/progress/employees/" + alice, "alice").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/progress/employees/" + mark, "alice").statusCode()).isEqualTo(403);
    }

    @Test
    void aCallerNoEmployeeSignsInAsIsAnsweredAsSomeoneNew() {
        JsonNode ada = api.read("/api/progress/me", "ada");
        assertThat(ada.at("/currentLevel/id").asString()).isEqualTo("entry");
        assertThat(ada.path("readinessPercent").asInt()).isZero();
    }

    @Test
    void theManagerIsFoundBySubjectAndSeesTheTeamWithoutTheRetiredMember() {
        assertThat(api.get("/api/progress/employees/" + alice, "mark").statusCode()).isEqualTo(200);
        JsonNode dashboard = api.read("/api/progress/teams/" + team, "mark");
        List<String> members = dashboard.path("members").findValuesAsString("employeeId");
        assertThat(members).containsExactlyInAnyOrder(alice, bob);
        assertThat(dashboard.path("levelDistribution").path("entry").asInt()).isEqualTo(2);
        int histogram = 0;
        for (JsonNode bucket : dashboard.path("readinessHistogram")) {
            histogram += bucket.asInt();
        }
        assertThat(histogram).isEqualTo(2);
        for (JsonNode row : dashboard.at("/skillGaps/skills")) {
            assertThat(row.path("members").findValuesAsString("employeeId")).doesNotContain(retired);
        }
        String csv = api.get("/api/progress/teams/" + team + "/export.csv", "mark").body();
        assertThat(csv).contains(alice).doesNotContain(retired);
        assertThat(api.read("/api/progress/teams/mine", "mark").findValuesAsString("teamId")).contains(team);

        // the retired member's history stays readable for their manager, now and as of a past day
        assertThat(api.read("/api/progress/employees/" + retired, "mark").path("readinessPercent").asInt())
                .isEqualTo(33);
        assertThat(api.read("/api/progress/employees/" + retired + "?asOf=2024-06-01", "mark")
                .path("readinessPercent").asInt()).isEqualTo(33);
    }

    @Test
    void theDeputyHasTheManagersReadRights() {
        assertThat(api.get("/api/progress/teams/" + team, "bob").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/progress/employees/" + alice, "bob").statusCode()).isEqualTo(200);
        assertThat(api.read("/api/progress/teams/mine", "bob").findValuesAsString("teamId")).containsExactly(team);
        // alice is neither manager nor deputy
        assertThat(api.get("/api/progress/teams/" + team, "alice").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/progress/employees/" + bob, "alice").statusCode()).isEqualTo(403);
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    void person(String id, String subject, String name, String teamId, String managerId, String deputyId,
                boolean active) {
        send(id, EventType.EMPLOYEE_UPDATED, new EmployeeUpdated(id, name, null, teamId,
                teamId == null ? null : "People", managerId, SeedTrack.TRACK, null, LocalDate.of(2025, 1, 1),
                Instant.now(), subject, "Engineer", deputyId, active));
    }

    void send(String key, EventType type, Object event) {
        CloudEventRecord.of(type, key, json.writeValueAsString(event)).send();
    }

    /** The {@code sub} of a demo user's access token. */
    String subjectOf(String user) {
        String payload = LadderInfra.accessToken(user).split("\\.")[1];
        return json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .path("sub").asString();
    }
}
