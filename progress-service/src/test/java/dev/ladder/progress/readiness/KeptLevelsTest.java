package dev.ladder.progress.readiness;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.TestLevels;
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
 * Which levels are kept. Under one catalog version the ledger alone decides, so the order facts arrive in does not
 * matter and the projection equals a fresh replay: a skill downgrade recorded late but effective before the day a
 * level would have been reached means it never was. A new catalog version keeps the level reached under the older
 * one, and keeps it through the evaluations that follow.
 */
@Import(Today.class)
class KeptLevelsTest implements ProgressServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    TestApi api;

    @BeforeAll
    void catalog() {
        api = new TestApi(json, port);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK, SeedTrack.version(1));
    }

    @Test
    void aLateFactEffectiveBeforeALevelWasReachedDecidesAsIfItHadArrivedInOrder() {
        String late = employee("kept-late-");
        String inOrder = employee("kept-in-order-");
        String downgraded = SeedTrack.midSkillIds().get(0);
        // every Mid-Level skill at 3 from January; CEH in June completes Mid-Level — unless the downgrade of one
        // skill in March is known
        for (String employee : List.of(late, inOrder)) {
            for (String skill : SeedTrack.midSkillIds()) {
                send(employee, EventType.SKILL_ASSESSED, skill(employee, skill, 3, "2025-01-01"));
            }
        }
        send(inOrder, EventType.SKILL_ASSESSED, skill(inOrder, downgraded, 1, "2025-03-01"));
        send(inOrder, EventType.CERTIFICATION_RECORDED, ceh(inOrder, "2025-06-01"));
        send(late, EventType.CERTIFICATION_RECORDED, ceh(late, "2025-06-01"));
        int facts = SeedTrack.midSkillIds().size() + 2;
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> ledgerCount(inOrder) == facts
                && ledgerCount(late) == facts - 1 && "mid".equals(level(late)));

        // recorded last, effective in March: Mid-Level was never complete on any day
        send(late, EventType.SKILL_ASSESSED, skill(late, downgraded, 1, "2025-03-01"));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> ledgerCount(late) == facts
                && sequenceOf(late) == lastLedgerSequence(late));

        Map<String, Object> arrivedLate = row(late);
        assertThat(arrivedLate.get("current_level_id")).isEqualTo("entry");
        assertThat(arrivedLate.get("at_risk")).isEqualTo(false);
        Map<String, Object> arrivedInOrder = row(inOrder);
        for (String column : List.of("current_level_id", "next_level_id", "readiness_percent", "at_risk", "skills")) {
            assertThat(arrivedLate.get(column)).as(column).isEqualTo(arrivedInOrder.get(column));
        }
    }

    @Test
    void aLevelReachedUnderAnEarlierVersionIsKeptThroughTheEvaluationsAfterARelease() {
        String track = "kept-track-" + UUID.randomUUID();
        CatalogVersionPublished seed = SeedTrack.version(1);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), track, new CatalogVersionPublished(track, "Kept track", 1,
                Instant.parse("2025-01-01T00:00:00Z"), seed.levels(), seed.certifications(), seed.skills()));
        String holder = "kept-holder-" + UUID.randomUUID();
        send(holder, EventType.EMPLOYEE_UPDATED, new EmployeeUpdated(holder, "Holder", null, null, null, null, track,
                null, LocalDate.of(2020, 1, 1), Instant.now()));
        for (String skill : SeedTrack.midSkillIds()) {
            send(holder, EventType.SKILL_ASSESSED, skill(holder, skill, 3, "2025-01-01"));
        }
        send(holder, EventType.CERTIFICATION_RECORDED, ceh(holder, "2025-06-01"));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> "mid".equals(level(holder)));

        // version 2 accepts only CISSP for Mid-Level and does not demote: the holder keeps Mid-Level, at risk
        List<Level> stricter = seed.levels().stream().map(level -> !level.id().equals("mid") ? level
                : new Level(level.id(), level.rank(), level.name(), level.minYears(), level.maxYears(),
                level.requirements().stream().map(g -> !g.id().equals("mid-certifications") ? g
                        : TestLevels.anyCertificationOf(g.id(), List.of("cissp"))).toList())).toList();
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), track, new CatalogVersionPublished(track, "Kept track", 2,
                Instant.parse("2026-01-01T00:00:00Z"), stricter, seed.certifications(), seed.skills()));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                Integer.valueOf(2).equals(row(holder).get("catalog_version")));
        assertThat(row(holder)).containsEntry("current_level_id", "mid").containsEntry("at_risk", true);

        // the next fact is evaluated under version 2 alone, from the level kept
        send(holder, EventType.SKILL_ASSESSED, skill(holder, SeedTrack.midSkillIds().get(0), 4, "2026-02-01"));
        int facts = SeedTrack.midSkillIds().size() + 2;
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> ledgerCount(holder) == facts
                && sequenceOf(holder) == lastLedgerSequence(holder));
        assertThat(row(holder)).containsEntry("current_level_id", "mid").containsEntry("at_risk", true)
                .containsEntry("kept_rank", 2);
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    String employee(String prefix) {
        String employee = prefix + UUID.randomUUID();
        send(employee, EventType.EMPLOYEE_UPDATED, new EmployeeUpdated(employee, "Kept " + employee, null, null, null,
                null, SeedTrack.TRACK, null, LocalDate.of(2020, 1, 1), Instant.now()));
        return employee;
    }

    String level(String employee) {
        JsonNode progress = api.read("/api/progress/employees/" + employee, "ada");
        return progress.at("/currentLevel/id").asString();
    }

    Map<String, Object> row(String employee) {
        return jdbc.sql("""
                        SELECT catalog_version, current_level_id, next_level_id, readiness_percent, at_risk,
                               kept_rank, skills::text AS skills
                        FROM progress WHERE employee_id = :e""")
                .param("e", employee).query().singleRow();
    }

    long sequenceOf(String employee) {
        return jdbc.sql("SELECT ledger_seq FROM progress WHERE employee_id = :e").param("e", employee)
                .query(Long.class).single();
    }

    long lastLedgerSequence(String employee) {
        return jdbc.sql("SELECT max(id) FROM ledger_entry WHERE employee_id = :e").param("e", employee)
                .query(Long.class).single();
    }

    int ledgerCount(String employee) {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE employee_id = :e").param("e", employee)
                .query(Integer.class).single();
    }

    void send(String employee, EventType type, Object event) {
        api.send(type, id(), employee, event);
    }

    static SkillAssessed skill(String employee, String skill, int proficiency, String on) {
        return new SkillAssessed(id(), employee, skill, proficiency, SkillAssessed.Source.ASSESSMENT, "lms",
                LocalDate.parse(on), Instant.now());
    }

    static CertificationRecorded ceh(String employee, String issued) {
        return new CertificationRecorded(id(), employee, "ceh", "CRED", null, LocalDate.parse(issued), null,
                Instant.now());
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
