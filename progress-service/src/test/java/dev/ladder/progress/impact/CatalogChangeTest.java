package dev.ladder.progress.impact;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.TestLevels;
import dev.ladder.progress.support.Today;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new catalog version: the impact preview shows who would gain or lose and changes nothing; publishing it
 * re-evaluates everyone on the track and announces what changed.
 */
@Import(Today.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogChangeTest implements ProgressServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    TestApi api;
    KafkaProbe milestones;

    final String gains = "gains-" + UUID.randomUUID();
    final String unchanged = "unchanged-" + UUID.randomUUID();

    @BeforeAll
    void people() {
        api = new TestApi(json, port);
        milestones = LadderInfra.probe(Topics.MILESTONES);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK, SeedTrack.version(1));
        employee(gains, LocalDate.of(2020, 1, 1));
        employee(unchanged, LocalDate.of(2024, 9, 1));
        api.send(EventType.CERTIFICATION_RECORDED, id(), gains, new CertificationRecorded(id(), gains, "ceh", "C",
                null, LocalDate.of(2021, 1, 1), null, Instant.now()));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                progress(gains).path("readinessPercent").asInt() == 66
                        && progress(unchanged).at("/groups/2/items/0/detail").asString().startsWith("2 years"));
    }

    @AfterAll
    void close() {
        milestones.close();
    }

    @Test
    @Order(1)
    void theImpactPreviewListsWhoWouldGainOrLoseAndChangesNothing() {
        List<Map<String, Object>> before = projection();
        int outbox = count("outbox_event");

        HttpResponse<String> response = api.post("/api/progress/admin/impact-preview", "ada",
                json.writeValueAsString(withoutMidSkills()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode impacts = json.readTree(response.body());
        assertThat(impacts).hasSize(1);
        assertThat(impacts.at("/0/employeeId").asString()).isEqualTo(gains);
        assertThat(impacts.at("/0/currentLevel").asString()).isEqualTo("entry");
        assertThat(impacts.at("/0/levelAfter").asString()).isEqualTo("mid");
        assertThat(impacts.at("/0/readinessBefore").asInt()).isEqualTo(66);
        assertThat(impacts.at("/0/readinessAfter").asInt()).isEqualTo(33); // senior: only the 6 years
        assertThat(impacts.at("/0/change").asString()).isEqualTo("GAIN");
        assertThat(impacts.at("/0/displayName").asString()).isEqualTo("E " + gains);
        assertThat(impacts.at("/0/currentLevelName").asString()).isEqualTo("Entry Level");
        assertThat(impacts.at("/0/levelAfterName").asString()).isEqualTo("Mid-Level");
        assertThat(projection()).isEqualTo(before);
        assertThat(count("outbox_event")).isEqualTo(outbox);
        assertThat(count("catalog_version")).isEqualTo(1);
    }

    @Test
    @Order(1)
    void aStricterDraftShowsWhoWouldLoseReadiness() {
        HttpResponse<String> response = api.post("/api/progress/admin/impact-preview", "ada",
                json.writeValueAsString(midRequiresCissp()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode impacts = json.readTree(response.body());
        assertThat(impacts).hasSize(1); // "unchanged" has no certification either way
        assertThat(impacts.at("/0/employeeId").asString()).isEqualTo(gains);
        assertThat(impacts.at("/0/levelAfter").asString()).isEqualTo("entry");
        assertThat(impacts.at("/0/readinessBefore").asInt()).isEqualTo(66);
        assertThat(impacts.at("/0/readinessAfter").asInt()).isEqualTo(33); // CEH no longer counts for Mid-Level
        assertThat(impacts.at("/0/change").asString()).isEqualTo("LOSS");
    }

    @Test
    @Order(1)
    void theImpactPreviewIsForAdminsAndRejectsMalformedDrafts() {
        assertThat(api.post("/api/progress/admin/impact-preview", "mark",
                json.writeValueAsString(withoutMidSkills())).statusCode()).isEqualTo(403);
        HttpResponse<String> bad = api.post("/api/progress/admin/impact-preview", "ada", "{\"version\":2}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    @Order(2)
    void publishingTheVersionReEvaluatesTheTrackAndAnnouncesTheAdvance() {
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK, withoutMidSkills());

        milestones.await(KafkaProbe.hasHeader(CloudEventHeaders.ID, gains + ":LEVEL_ADVANCED:mid:100"),
                Duration.ofSeconds(30));
        JsonNode now = progress(gains);
        assertThat(now.path("catalogVersion").asInt()).isEqualTo(2);
        assertThat(now.at("/currentLevel/id").asString()).isEqualTo("mid");
        assertThat(progress(unchanged).path("catalogVersion").asInt()).isEqualTo(2);
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    /** Version 2 drops the skills group of Mid-Level. */
    static CatalogVersionPublished withoutMidSkills() {
        return versionTwoWithMid(groups -> groups.stream().filter(g -> !g.id().equals("mid-skills")).toList());
    }

    /** Version 2 accepts only CISSP for Mid-Level. */
    static CatalogVersionPublished midRequiresCissp() {
        return versionTwoWithMid(groups -> groups.stream().map(g -> !g.id().equals("mid-certifications") ? g
                : TestLevels.anyCertificationOf(g.id(), List.of("cissp"))).toList());
    }

    static CatalogVersionPublished versionTwoWithMid(UnaryOperator<List<RequirementGroup>> midGroups) {
        CatalogVersionPublished v2 = SeedTrack.version(2);
        List<Level> levels = v2.levels().stream().map(level -> !level.id().equals("mid") ? level
                : new Level(level.id(), level.rank(), level.name(), level.minYears(), level.maxYears(),
                midGroups.apply(level.requirements()))).toList();
        return new CatalogVersionPublished(v2.trackId(), v2.trackName(), 2, Instant.parse("2026-11-01T00:00:00Z"),
                levels, v2.certifications(), v2.skills());
    }

    List<Map<String, Object>> projection() {
        return jdbc.sql("SELECT * FROM progress ORDER BY employee_id").query().listOfRows();
    }

    int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }

    JsonNode progress(String employee) {
        return api.read("/api/progress/employees/" + employee, "ada");
    }

    void employee(String employee, LocalDate start) {
        api.send(EventType.EMPLOYEE_UPDATED, id(), employee, new EmployeeUpdated(employee, "E " + employee, null,
                null, null, null, SeedTrack.TRACK, null, start, Instant.now()));
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
