package dev.ladder.progress.impact;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.contracts.progress.TrackReevaluated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.TestLevels;
import dev.ladder.progress.support.Today;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new catalog version: the impact preview shows who would gain or lose and changes nothing; publishing it
 * re-evaluates everyone on the track, announces what changed and reports the re-evaluation once.
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
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("gains").asInt()).isEqualTo(1);
        assertThat(answer.path("losses").asInt()).isZero();
        assertThat(answer.at("/people/total").asLong()).isEqualTo(1);
        JsonNode impacts = answer.at("/people/items");
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
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("losses").asInt()).isEqualTo(1);
        JsonNode impacts = answer.at("/people/items");
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

    /**
     * Every list of a draft is bounded (DraftLimits): one entry over a limit, top-level or nested, is a 400 problem
     * naming that list and evaluates nobody; a draft exactly at the limit is previewed.
     */
    @Test
    @Order(1)
    void aDraftOverALimitIsRejectedNamingTheListAndOneAtTheLimitIsPreviewed() {
        List<Map<String, Object>> before = projection();
        int outbox = count("outbox_event");

        HttpResponse<String> atTheLimit = preview(withFirstMidGroupOf(DraftLimits.ITEMS));
        assertThat(atTheLimit.statusCode()).as(atTheLimit.body()).isEqualTo(200);

        HttpResponse<String> oneItemTooMany = preview(withFirstMidGroupOf(DraftLimits.ITEMS + 1));
        assertThat(oneItemTooMany.statusCode()).as(oneItemTooMany.body()).isEqualTo(400);
        assertThat(oneItemTooMany.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(oneItemTooMany.body());
        assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.path("errors").findValuesAsString("field"))
                .containsExactly("levels[1].requirements[0].items"); // mid is the second level

        CatalogVersionPublished v2 = withoutMidSkills();
        List<CatalogVersionPublished.Certification> certifications = new ArrayList<>(v2.certifications());
        while (certifications.size() <= DraftLimits.CERTIFICATIONS) {
            certifications.add(new CatalogVersionPublished.Certification("extra-" + certifications.size(), "Extra",
                    null));
        }
        HttpResponse<String> tooManyCertifications = preview(new CatalogVersionPublished(v2.trackId(),
                v2.trackName(), 2, v2.publishedAt(), v2.levels(), certifications, v2.skills(), Boolean.FALSE, null,
                null, ADMIN));
        assertThat(tooManyCertifications.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tooManyCertifications.body()).path("errors").findValuesAsString("field"))
                .containsExactly("certifications");

        assertThat(projection()).isEqualTo(before);
        assertThat(count("outbox_event")).isEqualTo(outbox);
        assertThat(count("catalog_version")).isEqualTo(1);
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

        // one report per release: version 1 found nobody to move (nobody had a level on the track before it) ...
        TrackReevaluated first = reevaluation(1);
        assertThat(first.advanced()).isZero();
        assertThat(first.lowered()).isZero();
        assertThat(first.publishedBy()).as("the seed import names no publisher").isNull();
        // ... version 2 re-evaluated both people and moved one of them up
        TrackReevaluated second = reevaluation(2);
        assertThat(second.evaluated()).isEqualTo(2);
        assertThat(second.advanced()).isEqualTo(1);
        assertThat(second.lowered()).isZero();
        assertThat(second.trackName()).isEqualTo(SeedTrack.version(2).trackName());
        assertThat(second.publishedBy()).isEqualTo(ADMIN);
    }

    @Test
    @Order(3)
    void aReleaseIsReportedOnceWithWhoMovedDownAndARepeatedOneNotAgain() {
        ConsumerRecord<String, String> first = reevaluationRecord(1);
        ConsumerRecord<String, String> second = reevaluationRecord(2);
        // version 2 again: redelivered under its ce_id (the inbox drops it), re-published under a new one (known)
        String eventId = id();
        api.send(EventType.CATALOG_VERSION_PUBLISHED, eventId, SeedTrack.TRACK, withoutMidSkills());
        api.send(EventType.CATALOG_VERSION_PUBLISHED, eventId, SeedTrack.TRACK, withoutMidSkills());
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK, withoutMidSkills());
        // version 3 takes Mid-Level away from whoever no longer meets it (only CISSP counts, and the track demotes)
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK, demotingVersionThree());

        // the sentinel: same key, same partition, so its report comes after anything the repeats could announce
        ConsumerRecord<String, String> third = milestones.noneBefore(
                KafkaProbe.hasHeader(CloudEventHeaders.ID, TrackReevaluated.idOf(SeedTrack.TRACK, 3)),
                KafkaProbe.hasHeader(CloudEventHeaders.TYPE, EventType.TRACK_REEVALUATED.id())
                        .and(r -> r != first && r != second), Duration.ofSeconds(30));
        assertThat(EventSchemas.violations(EventType.TRACK_REEVALUATED, third.value())).isEmpty();
        TrackReevaluated report = json.readValue(third.value(), TrackReevaluated.class);
        assertThat(report.version()).isEqualTo(3);
        assertThat(report.evaluated()).isEqualTo(2);
        assertThat(report.advanced()).isZero();
        assertThat(report.lowered()).isEqualTo(1);
        assertThat(report.publishedBy()).isEqualTo(ADMIN);
        assertThat(progress(gains).at("/currentLevel/id").asString()).isEqualTo("entry");
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    /** The sign-in subject of the admin who published versions 2 and 3. */
    static final String ADMIN = "33333333-3333-4333-8333-333333333333";

    /** The report of a version's re-evaluation, as published on the milestones topic (checked against its schema). */
    TrackReevaluated reevaluation(int version) {
        ConsumerRecord<String, String> record = reevaluationRecord(version);
        assertThat(record.key()).isEqualTo(SeedTrack.TRACK);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.TYPE)).isEqualTo(EventType.TRACK_REEVALUATED.id());
        assertThat(EventSchemas.violations(EventType.TRACK_REEVALUATED, record.value())).isEmpty();
        TrackReevaluated report = json.readValue(record.value(), TrackReevaluated.class);
        assertThat(report.reevaluationId()).isEqualTo(SeedTrack.TRACK + ":v" + version);
        assertThat(report.version()).isEqualTo(version);
        return report;
    }

    ConsumerRecord<String, String> reevaluationRecord(int version) {
        return milestones.await(KafkaProbe.hasHeader(CloudEventHeaders.ID,
                TrackReevaluated.idOf(SeedTrack.TRACK, version)), Duration.ofSeconds(30));
    }

    /** Version 3: Mid-Level accepts only CISSP, and the track demotes whoever no longer meets their level. */
    static CatalogVersionPublished demotingVersionThree() {
        CatalogVersionPublished v2 = midRequiresCissp();
        return new CatalogVersionPublished(v2.trackId(), v2.trackName(), 3, Instant.parse("2026-11-02T00:00:00Z"),
                v2.levels(), v2.certifications(), v2.skills(), true, null, v2.salaryRegions(), ADMIN);
    }

    /** Version 2 whose first Mid-Level group is any one of {@code items} certifications (the track's, repeated). */
    static CatalogVersionPublished withFirstMidGroupOf(int items) {
        List<String> certifications = SeedTrack.certificationIds();
        List<String> refs = IntStream.range(0, items)
                .mapToObj(i -> certifications.get(i % certifications.size())).toList();
        return versionTwoWithMid(groups -> Stream.concat(
                Stream.of(TestLevels.anyCertificationOf(groups.get(0).id(), refs)),
                groups.stream().skip(1)).toList());
    }

    HttpResponse<String> preview(CatalogVersionPublished draft) {
        return api.post("/api/progress/admin/impact-preview", "ada", json.writeValueAsString(draft));
    }

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
                levels, v2.certifications(), v2.skills(), Boolean.FALSE, null, null, ADMIN);
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
