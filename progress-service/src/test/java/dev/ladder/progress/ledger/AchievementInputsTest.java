package dev.ladder.progress.ledger;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every achievement type of ladder.achievements.v1, each produced by a plain KafkaProducer with only the documented
 * ce_* headers and JSON (as an LMS or credential issuer would), changes readiness as the rules say.
 */
@Import(Today.class)
class AchievementInputsTest implements ProgressServiceTest {

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
        api.send(EventType.CATALOG_VERSION_PUBLISHED, UUID.randomUUID().toString(), SeedTrack.TRACK,
                SeedTrack.version(1));
    }

    @Test
    void aRejectedCertificationStopsCountingAndARevokedOneStopsFromItsEffectiveDate() {
        String employee = "cert-" + UUID.randomUUID();
        send(employee, EventType.CERTIFICATION_RECORDED, certification(employee, "a1", "comptia-security-plus"));
        send(employee, EventType.CERTIFICATION_RECORDED, certification(employee, "a2", "ceh"));
        send(employee, EventType.CERTIFICATION_VERIFIED, new CertificationVerified("a2", employee, "ceh", "mark",
                Instant.parse("2026-05-01T10:00:00Z")));
        awaitGroup(employee, 0, group -> group.path("metCount").asInt() == 2);

        send(employee, EventType.CERTIFICATION_REJECTED, new CertificationRejected("a1", employee,
                "comptia-security-plus", "mark", "no such credential", Instant.parse("2026-06-01T10:00:00Z")));
        awaitGroup(employee, 0, group -> group.path("metCount").asInt() == 1);
        assertThat(progress(employee).path("readinessPercent").asInt()).isEqualTo(33);

        send(employee, EventType.CERTIFICATION_REVOKED, new CertificationRevoked("a2", employee, "ceh",
                "issuer withdrew it", LocalDate.of(2026, 10, 1), Instant.parse("2026-10-02T10:00:00Z")));
        JsonNode group = awaitGroup(employee, 0, g -> g.path("metCount").asInt() == 0);
        assertThat(group.at("/items/1/detail").asString()).isEqualTo("revoked on 2026-10-01");
        assertThat(progress(employee).path("readinessPercent").asInt()).isZero();
    }

    @Test
    void theLatestSkillAssessmentByAssessedOnCounts() {
        String employee = "skills-" + UUID.randomUUID();
        for (String skill : SeedTrack.midSkillIds()) {
            send(employee, EventType.SKILL_ASSESSED, skill(employee, skill, 3, LocalDate.of(2026, 2, 1)));
        }
        awaitGroup(employee, 1, group -> group.path("met").asBoolean());
        assertThat(progress(employee).path("readinessPercent").asInt()).isEqualTo(33);

        String first = SeedTrack.midSkillIds().get(0);
        send(employee, EventType.SKILL_ASSESSED, skill(employee, first, 2, LocalDate.of(2026, 9, 1)));
        JsonNode group = awaitGroup(employee, 1, g -> g.path("metCount").asInt() == 5);
        assertThat(group.at("/items/0/detail").asString()).isEqualTo("proficiency 2 of 3 required");
        // an older assessment recorded later does not override the newer one
        send(employee, EventType.SKILL_ASSESSED, skill(employee, first, 5, LocalDate.of(2026, 5, 1)));
        String marker = send(employee, EventType.SKILL_ASSESSED,
                skill(employee, SeedTrack.midSkillIds().get(1), 4, LocalDate.of(2026, 9, 2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> ledgerEntries(marker) == 1);
        assertThat(progress(employee).at("/groups/1/metCount").asInt()).isEqualTo(5);
        assertThat(progress(employee).at("/groups/1/items/0/detail").asString())
                .isEqualTo("proficiency 2 of 3 required");
    }

    @Test
    void experiencePeriodsAreMergedOverlapsCountedOnce() {
        String employee = "experience-" + UUID.randomUUID();
        // 2020-01-01..2022-01-01 and 2021-06-01..2023-06-01 cover 3 years 5 months, not 4 years
        send(employee, EventType.EXPERIENCE_RECORDED, new ExperienceRecorded("e1", employee,
                LocalDate.of(2020, 1, 1), LocalDate.of(2022, 1, 1), "consultancy", Instant.now()));
        send(employee, EventType.EXPERIENCE_RECORDED, new ExperienceRecorded("e2", employee,
                LocalDate.of(2021, 6, 1), LocalDate.of(2023, 6, 1), "start-up", Instant.now()));

        JsonNode group = awaitGroup(employee, 2, g -> g.path("met").asBoolean());
        assertThat(group.at("/items/0/detail").asString()).startsWith("3 years (2 recorded period(s)");
        assertThat(jdbc.sql("SELECT min(effective_date) FROM ledger_entry WHERE employee_id = :e")
                .param("e", employee).query(LocalDate.class).single()).isEqualTo(LocalDate.of(2020, 1, 1));
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    String send(String employee, EventType type, Object event) {
        String eventId = UUID.randomUUID().toString();
        api.send(type, eventId, employee, event);
        return eventId;
    }

    JsonNode progress(String employee) {
        return api.read("/api/progress/employees/" + employee, "ada");
    }

    JsonNode awaitGroup(String employee, int index, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> progress(employee).path("groups").get(index), condition::test);
    }

    int ledgerEntries(String eventId) {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE event_id = :id").param("id", eventId)
                .query(Integer.class).single();
    }

    static CertificationRecorded certification(String employee, String achievementId, String certificationId) {
        return new CertificationRecorded(achievementId, employee, certificationId, "CRED-" + achievementId,
                "Issuer", LocalDate.of(2026, 1, 15), LocalDate.of(2029, 1, 15), Instant.now());
    }

    static SkillAssessed skill(String employee, String skillId, int proficiency, LocalDate on) {
        return new SkillAssessed(UUID.randomUUID().toString(), employee, skillId, proficiency,
                SkillAssessed.Source.MANAGER, "mark", on, Instant.now());
    }
}
