package dev.ladder.progress.readiness;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.Today;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger as history: "as of" answers from events effective by then against the catalog in force then, a
 * certification issued years ago and recorded today lands on its own date, and the projection rebuilt from the ledger
 * is the projection kept live.
 */
@Import(Today.class)
class HistoryTest implements ProgressServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    TestApi api;

    final String late = "history-" + UUID.randomUUID();
    final String senior = "history-mid-" + UUID.randomUUID();

    @BeforeAll
    void history() {
        api = new TestApi(json, port);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK,
                publishedAt(SeedTrack.version(1), "2020-01-01T00:00:00Z"));
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK,
                publishedAt(SeedTrack.version(2), "2026-01-01T00:00:00Z"));
        employee(late, LocalDate.of(2024, 9, 1));
        employee(senior, LocalDate.of(2020, 1, 1));
        // recorded in this order, effective in another: the 2022 certification arrives last
        send(late, EventType.CERTIFICATION_RECORDED, cert(late, "comptia-security-plus", "2026-03-01", "2029-03-01"));
        send(late, EventType.CERTIFICATION_RECORDED, cert(late, "google-it-support", "2024-01-01", "2027-01-15"));
        send(late, EventType.CERTIFICATION_RECORDED, cert(late, "ceh", "2022-05-01", "2025-05-01"));
        send(senior, EventType.CERTIFICATION_RECORDED, cert(senior, "ceh", "2021-01-01", null));
        for (String skill : SeedTrack.midSkillIds()) {
            send(senior, EventType.SKILL_ASSESSED, new SkillAssessed(id(), senior, skill, 3,
                    SkillAssessed.Source.ASSESSMENT, "lms", LocalDate.of(2025, 6, 1), Instant.now()));
        }
        // every record sent above applied: the ledgers, both profiles (their start dates), and version 2 (another
        // topic, another consumer) — in force today, so "now" is judged by it
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                ledgerCount(late) == 3 && ledgerCount(senior) == 7
                        && jdbc.sql("SELECT count(*) FROM employee WHERE employee_id IN (:late, :senior) "
                                + "AND start_date IS NOT NULL").param("late", late).param("senior", senior)
                        .query(Integer.class).single() == 2
                        && progress(late, null).path("catalogVersion").asInt() == 2
                        && "mid".equals(progress(senior, null).at("/currentLevel/id").asString()));
    }

    @Test
    void asOfAnswersFromTheEventsEffectiveByThenAgainstTheCatalogInForceThen() {
        JsonNode before = progress(late, "2022-01-01");
        assertThat(before.path("catalogVersion").asInt()).isEqualTo(1);
        assertThat(before.path("asOf").asString()).isEqualTo("2022-01-01");
        assertThat(before.at("/groups/0/metCount").asInt()).isZero();
        assertThat(before.path("readinessPercent").asInt()).isZero();

        JsonNode lateArrival = progress(late, "2023-01-01");
        assertThat(lateArrival.at("/groups/0/met").asBoolean()).isTrue();
        JsonNode ceh = item(lateArrival, 0, "ceh");
        assertThat(ceh.path("status").asString()).isEqualTo("MET");
        assertThat(ceh.path("metOn").asString()).isEqualTo("2022-05-01");
        assertThat(lateArrival.path("readinessPercent").asInt()).isEqualTo(33);

        JsonNode lapsed = progress(late, "2023-12-31");
        assertThat(item(lapsed, 0, "ceh").path("met").asBoolean()).isTrue();
        assertThat(item(progress(late, "2025-06-01"), 0, "ceh").path("detail").asString())
                .isEqualTo("expired on 2025-05-01");
    }

    @Test
    void asOfJudgesAnEmployeeOnTheTrackTheyWereOnThatDay() {
        String mover = "history-mover-" + UUID.randomUUID();
        String otherTrack = "history-other-track";
        CatalogVersionPublished seed = SeedTrack.version(1);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), otherTrack, new CatalogVersionPublished(otherTrack,
                "Other track", 1, Instant.parse("2026-01-01T00:00:00Z"), seed.levels(), seed.certifications(),
                seed.skills()));
        // the move arrives first: the order of arrival must not matter, the updatedAt does
        send(mover, EventType.EMPLOYEE_UPDATED, new EmployeeUpdated(mover, "Mover", null, null, null, null,
                otherTrack, null, LocalDate.of(2020, 1, 1), Instant.parse("2026-03-01T09:00:00Z")));
        send(mover, EventType.EMPLOYEE_UPDATED, new EmployeeUpdated(mover, "Mover", null, null, null, null,
                SeedTrack.TRACK, null, LocalDate.of(2020, 1, 1), Instant.parse("2024-01-01T09:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> jdbc.sql(
                "SELECT count(*) FROM employee_track WHERE employee_id = :e").param("e", mover)
                .query(Integer.class).single() == 2 && otherTrack.equals(progress(mover, null).path("trackId")
                .asString()));

        assertThat(progress(mover, "2025-06-01").path("trackId").asString()).isEqualTo(SeedTrack.TRACK);
        assertThat(progress(mover, "2026-02-28").path("trackId").asString()).isEqualTo(SeedTrack.TRACK);
        assertThat(progress(mover, "2026-03-01").path("trackId").asString()).isEqualTo(otherTrack);
        assertThat(progress(mover, "2023-06-01").path("trackId").asString()) // before anything was known: the first
                .isEqualTo(SeedTrack.TRACK);
    }

    @Test
    void nowShowsMetUnmetAndExpiringRequirementsWithTheirDatesAndTheGaps() {
        JsonNode now = progress(late, null);
        assertThat(now.path("catalogVersion").asInt()).isEqualTo(2);
        assertThat(now.path("asOf").isNull()).isTrue();
        JsonNode securityPlus = item(now, 0, "comptia-security-plus");
        assertThat(securityPlus.path("status").asString()).isEqualTo("MET");
        assertThat(securityPlus.path("metOn").asString()).isEqualTo("2026-03-01");
        assertThat(item(now, 0, "google-it-support").path("status").asString()).isEqualTo("EXPIRING");
        assertThat(item(now, 0, "ceh").path("status").asString()).isEqualTo("UNMET");
        assertThat(now.path("gaps").findValuesAsString("groupId")).contains("mid-skills", "mid-experience")
                .doesNotContain("mid-certifications");
        assertThat(now.path("gaps")).hasSize(SeedTrack.midSkillIds().size() + 1);

        JsonNode mid = progress(senior, null);
        assertThat(mid.at("/currentLevel/id").asString()).isEqualTo("mid");
        assertThat(mid.at("/nextLevel/id").asString()).isEqualTo("senior");
    }

    @Test
    void aDayBeforeTheFirstCatalogIsJudgedByTheFirstVersionAndOwnershipStillHolds() {
        JsonNode early = progress(senior, "2019-06-01");
        assertThat(early.path("catalogVersion").asInt()).isEqualTo(1);
        assertThat(early.path("asOf").asString()).isEqualTo("2019-06-01");
        assertThat(early.at("/currentLevel/id").asString()).isEqualTo("entry");
        assertThat(early.path("readinessPercent").asInt()).isZero(); // CEH came in 2021, no years of experience yet
        assertThat(progress(senior, "2021-06-01").path("readinessPercent").asInt()).isEqualTo(33);

        assertThat(api.get("/api/progress/employees/" + late + "?asOf=2023-01-01", "bob").statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/progress/employees/" + late + "?asOf=2023-01-01", "bob").statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/progress/me?asOf=yesterday", "alice").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/progress/me?asOf=2026-06-01", "alice").statusCode()).isEqualTo(200);
    }

    @Test
    void theProjectionRebuiltFromTheLedgerIsIdenticalAndAnnouncesNothing() {
        List<Map<String, Object>> before = projection();
        int outbox = jdbc.sql("SELECT count(*) FROM outbox_event").query(Integer.class).single();

        assertThat(api.post("/api/progress/admin/rebuild", "alice", "").statusCode()).isEqualTo(403);
        var rebuilt = api.post("/api/progress/admin/rebuild", "ada", "");
        assertThat(rebuilt.statusCode()).as(rebuilt.body()).isEqualTo(200);
        assertThat(json.readTree(rebuilt.body()).path("employees").asInt()).isEqualTo(before.size());

        assertThat(projection()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event").query(Integer.class).single()).isEqualTo(outbox);
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    /** Every stored row, with the explanation the API derives from it. */
    List<Map<String, Object>> projection() {
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT employee_id, track_id, catalog_version, current_level_id, current_rank, next_level_id,
                               readiness_percent, at_risk, ledger_seq, skills::text AS skills,
                               lapsing_certifications::text AS certifications
                        FROM progress ORDER BY employee_id""")
                .query().listOfRows();
        rows.forEach(row -> row.put("groups", progress((String) row.get("employee_id"), null).path("groups")));
        return rows;
    }

    JsonNode progress(String employee, String asOf) {
        return api.read("/api/progress/employees/" + employee + (asOf == null ? "" : "?asOf=" + asOf), "ada");
    }

    static JsonNode item(JsonNode progress, int group, String ref) {
        for (JsonNode item : progress.at("/groups/" + group + "/items")) {
            if (ref.equals(item.path("ref").asString())) {
                return item;
            }
        }
        throw new AssertionError("no item " + ref + " in " + progress);
    }

    int ledgerCount(String employee) {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE employee_id = :e").param("e", employee)
                .query(Integer.class).single();
    }

    void employee(String employee, LocalDate start) {
        api.send(EventType.EMPLOYEE_UPDATED, id(), employee, new EmployeeUpdated(employee, "History " + employee,
                null, null, null, null, SeedTrack.TRACK, null, start, Instant.now()));
    }

    void send(String employee, EventType type, Object event) {
        api.send(type, id(), employee, event);
    }

    static CertificationRecorded cert(String employee, String certification, String issued, String expires) {
        return new CertificationRecorded(id(), employee, certification, "CRED", null, LocalDate.parse(issued),
                expires == null ? null : LocalDate.parse(expires), Instant.now());
    }

    static CatalogVersionPublished publishedAt(CatalogVersionPublished c, String at) {
        return new CatalogVersionPublished(c.trackId(), c.trackName(), c.version(), Instant.parse(at), c.levels(),
                c.certifications(), c.skills());
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
