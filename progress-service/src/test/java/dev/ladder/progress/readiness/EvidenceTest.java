package dev.ladder.progress.readiness;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.ExperienceWithdrawn;
import dev.ladder.contracts.achievements.LevelPlaced;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.VerificationPolicy;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.Today;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
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
 * The new evidence, through Kafka and HTTP: corrections and withdrawals replayed on every date (an "as of" day before
 * the correction shows the corrected truth), placements, the track's verification policy (PENDING), and an invalid
 * placement dead-lettered.
 */
@Import(Today.class)
class EvidenceTest implements ProgressServiceTest {

    static final String STRICT = "evidence-strict";
    static final String SKILLS_STRICT = "evidence-skills-strict";
    static final String LEGACY = "evidence-legacy";
    static final Instant EARLIER = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant LATER = Instant.parse("2026-06-01T00:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    TestApi api;
    final String midCertification = SeedTrack.certificationIds("mid").get(0);

    @BeforeAll
    void catalogs() {
        api = new TestApi(json, port);
        CatalogVersionPublished seed = SeedTrack.version(1);
        send(SeedTrack.TRACK, EventType.CATALOG_VERSION_PUBLISHED, publishedAt(seed, seed.trackId(), null));
        send(STRICT, EventType.CATALOG_VERSION_PUBLISHED, publishedAt(seed, STRICT, new VerificationPolicy(false,
                true)));
        send(SKILLS_STRICT, EventType.CATALOG_VERSION_PUBLISHED, publishedAt(seed, SKILLS_STRICT,
                new VerificationPolicy(true, false)));
        send(LEGACY, EventType.CATALOG_VERSION_PUBLISHED, publishedAt(seed, LEGACY, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM catalog_version")
                .query(Integer.class).single() == 4);
    }

    @Test
    void aCorrectedCertificationCountsPerItsCorrectedDatesOnEveryDay() {
        String e = employee(SeedTrack.TRACK, null);
        send(e, EventType.CERTIFICATION_RECORDED, cert(e, "a-1", "2022-01-01", EARLIER, null));
        send(e, EventType.CERTIFICATION_RECORDED, cert(e, "a-1", "2025-01-01", LATER, null)); // the correction
        send(e, EventType.CERTIFICATION_RECORDED, cert(e, "a-2", "2023-01-01", LATER, null));
        send(e, EventType.CERTIFICATION_RECORDED, cert(e, "a-2", "2021-01-01", EARLIER, null)); // older: ignored
        awaitLedger(e, 4);

        // the days before either correction show the corrected truth: nothing held in 2022
        assertThat(item(progress(e, "2022-06-01"), "mid-certifications", midCertification).path("status")
                .asString()).isEqualTo("UNMET");
        JsonNode a2 = item(progress(e, "2024-01-01"), "mid-certifications", midCertification);
        assertThat(a2.path("status").asString()).isEqualTo("MET");
        assertThat(a2.path("metOn").asString()).isEqualTo("2023-01-01");
        assertThat(item(progress(e, null), "mid-certifications", midCertification).path("metOn").asString())
                .isEqualTo("2025-01-01");
    }

    @Test
    void aWithdrawnCertificationNeverCounted() {
        String e = employee(SeedTrack.TRACK, null);
        send(e, EventType.CERTIFICATION_RECORDED, cert(e, "w-1", "2022-01-01", EARLIER, null));
        awaitLedger(e, 1);
        assertThat(item(progress(e, null), "mid-certifications", midCertification).path("met").asBoolean())
                .isTrue();
        send(e, EventType.CERTIFICATION_WITHDRAWN, new CertificationWithdrawn("w-1", e, midCertification, e,
                "recorded by mistake", Instant.now()));
        awaitLedger(e, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> !item(progress(e, null), "mid-certifications",
                midCertification).path("met").asBoolean());
        assertThat(item(progress(e, "2023-01-01"), "mid-certifications", midCertification).path("status")
                .asString()).isEqualTo("UNMET");
    }

    @Test
    void aCorrectedExperienceCountsPerItsCorrectedPeriodAndAWithdrawnOneNever() {
        String corrected = employee(SeedTrack.TRACK, null);
        send(corrected, EventType.EXPERIENCE_RECORDED, new ExperienceRecorded("x-1", corrected,
                LocalDate.parse("2010-01-01"), LocalDate.parse("2016-01-01"), "six years", EARLIER));
        send(corrected, EventType.EXPERIENCE_RECORDED, new ExperienceRecorded("x-1", corrected,
                LocalDate.parse("2015-01-01"), LocalDate.parse("2016-01-01"), "one year, corrected", LATER));
        String withdrawn = employee(SeedTrack.TRACK, null);
        send(withdrawn, EventType.EXPERIENCE_RECORDED, new ExperienceRecorded("x-2", withdrawn,
                LocalDate.parse("2010-01-01"), LocalDate.parse("2016-01-01"), "six years", EARLIER));
        send(withdrawn, EventType.EXPERIENCE_WITHDRAWN, new ExperienceWithdrawn("x-2", withdrawn, withdrawn,
                Instant.now()));
        awaitLedger(corrected, 2);
        awaitLedger(withdrawn, 2);

        // the correction, recorded later, is the truth on every day: one year, not six
        JsonNode experience = group(progress(corrected, "2020-01-01"), "mid-experience");
        assertThat(experience.path("met").asBoolean()).isFalse();
        assertThat(experience.at("/items/0/detail").asString()).startsWith("1 year");
        JsonNode none = group(progress(withdrawn, "2020-01-01"), "mid-experience");
        assertThat(none.path("met").asBoolean()).isFalse();
        assertThat(none.at("/items/0/detail").asString()).isEqualTo("start date not known");
    }

    @Test
    void aPlacementHoldsTheLevelFromItsDateAndALaterOneReplacesIt() {
        String e = employee(SeedTrack.TRACK, LocalDate.parse("2025-01-01"));
        send(e, EventType.LEVEL_PLACED, placed(e, "p-1", SeedTrack.TRACK, "mid", "2025-06-01"));
        awaitLedger(e, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> "mid".equals(progress(e, null).at("/currentLevel/id")
                .asString()));
        JsonNode now = progress(e, null);
        assertThat(now.at("/nextLevel/id").asString()).isEqualTo("senior");
        assertThat(now.path("atRisk").asBoolean()).isFalse();
        assertThat(progress(e, "2025-05-31").at("/currentLevel/id").asString()).isEqualTo("entry");

        send(e, EventType.LEVEL_PLACED, placed(e, "p-2", SeedTrack.TRACK, "senior", "2026-03-01"));
        awaitLedger(e, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> "senior".equals(progress(e, null)
                .at("/currentLevel/id").asString()));
        assertThat(progress(e, null).at("/nextLevel/id").asString()).isEqualTo("executive");
        assertThat(progress(e, "2026-01-01").at("/currentLevel/id").asString()).isEqualTo("mid");
        // a placement is not an advance: nothing announced as one
        assertThat(jdbc.sql("SELECT count(*) FROM emitted_milestone WHERE milestone_id LIKE :id")
                .param("id", e + ":LEVEL_ADVANCED:%").query(Integer.class).single()).isZero();
    }

    @Test
    void aPlacementAtALevelTheTrackDoesNotHaveIsDeadLettered() {
        String e = employee(SeedTrack.TRACK, null);
        try (KafkaProbe deadLetters = LadderInfra.probe(Topics.deadLetter(Topics.ACHIEVEMENTS))) {
            CloudEventRecord bad = send(e, EventType.LEVEL_PLACED, placed(e, "p-bad", SeedTrack.TRACK, "wizard",
                    "2025-01-01"));
            send(e, EventType.LEVEL_PLACED, placed(e, "p-good", SeedTrack.TRACK, "mid", "2025-01-01"));
            ConsumerRecord<String, String> dead = deadLetters.await(
                    KafkaProbe.hasHeader(CloudEventHeaders.ID, bad.id()), Duration.ofSeconds(30));
            assertThat(dead.key()).isEqualTo(e);
        }
        awaitLedger(e, 1);
        assertThat(jdbc.sql("SELECT payload::text FROM ledger_entry WHERE employee_id = :e").param("e", e)
                .query(String.class).single()).contains("p-good");
    }

    @Test
    void anUnverifiedSelfDeclaredCertificationIsPendingUntilVerifiedOnAStrictTrack() {
        String e = employee(STRICT, null);
        send(e, EventType.CERTIFICATION_RECORDED, cert(e, "s-1", "2024-01-01", EARLIER,
                CertificationRecorded.Source.SELF));
        awaitLedger(e, 1);
        JsonNode pending = item(progress(e, null), "mid-certifications", midCertification);
        assertThat(pending.path("status").asString()).isEqualTo("PENDING");
        assertThat(pending.path("met").asBoolean()).isFalse();
        assertThat(progress(e, null).path("readinessPercent").asInt()).isZero();

        send(e, EventType.CERTIFICATION_VERIFIED, new CertificationVerified("s-1", e, midCertification, "mgr",
                Instant.parse("2026-02-01T10:00:00Z")));
        awaitLedger(e, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> "MET".equals(item(progress(e, null),
                "mid-certifications", midCertification).path("status").asString()));
        // counts from the verification on, not before
        assertThat(item(progress(e, "2025-06-01"), "mid-certifications", midCertification).path("status")
                .asString()).isEqualTo("PENDING");
        assertThat(item(progress(e, "2026-02-01"), "mid-certifications", midCertification).path("status")
                .asString()).isEqualTo("MET");
    }

    @Test
    void aSelfAssessmentDoesNotCountWhereThePolicySaysSoAndLegacyVersionsCountEverything() {
        String skill = SeedTrack.midSkillIds().get(0);
        String strict = employee(SKILLS_STRICT, null);
        send(strict, EventType.SKILL_ASSESSED, new SkillAssessed(id(), strict, skill, 5, SkillAssessed.Source.SELF,
                strict, LocalDate.parse("2026-01-01"), Instant.now()));
        String legacy = employee(LEGACY, null);
        send(legacy, EventType.SKILL_ASSESSED, new SkillAssessed(id(), legacy, skill, 5, SkillAssessed.Source.SELF,
                legacy, LocalDate.parse("2026-01-01"), Instant.now()));
        send(legacy, EventType.CERTIFICATION_RECORDED, cert(legacy, "l-1", "2024-01-01", EARLIER,
                CertificationRecorded.Source.SELF));
        awaitLedger(strict, 1);
        awaitLedger(legacy, 2);

        assertThat(item(progress(strict, null), "mid-skills", skill).path("status").asString())
                .isEqualTo("PENDING");
        assertThat(item(progress(legacy, null), "mid-skills", skill).path("status").asString()).isEqualTo("MET");
        assertThat(item(progress(legacy, null), "mid-certifications", midCertification).path("status")
                .asString()).isEqualTo("MET");

        send(strict, EventType.SKILL_ASSESSED, new SkillAssessed(id(), strict, skill, 3,
                SkillAssessed.Source.MANAGER, "mgr", LocalDate.parse("2026-02-01"), Instant.now()));
        awaitLedger(strict, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> "MET".equals(item(progress(strict, null), "mid-skills",
                skill).path("status").asString()));
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    String employee(String track, LocalDate start) {
        String e = "evidence-" + UUID.randomUUID();
        send(e, EventType.EMPLOYEE_UPDATED, new EmployeeUpdated(e, "Evidence " + e, null, null, null, null, track,
                null, start, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM employee WHERE "
                + "employee_id = :e").param("e", e).query(Integer.class).single() == 1);
        return e;
    }

    CloudEventRecord send(String key, EventType type, Object event) {
        return CloudEventRecord.of(type, key, json.writeValueAsString(event)).send();
    }

    void awaitLedger(String employee, int entries) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM ledger_entry WHERE employee_id = :e").param("e", employee)
                .query(Integer.class).single() == entries);
    }

    JsonNode progress(String employee, String asOf) {
        return api.read("/api/progress/employees/" + employee + (asOf == null ? "" : "?asOf=" + asOf), "ada");
    }

    static JsonNode group(JsonNode progress, String groupId) {
        for (JsonNode group : progress.path("groups")) {
            if (groupId.equals(group.path("id").asString())) {
                return group;
            }
        }
        throw new AssertionError("no group " + groupId + " in " + progress);
    }

    static JsonNode item(JsonNode progress, String groupId, String ref) {
        for (JsonNode item : group(progress, groupId).path("items")) {
            if (ref.equals(item.path("ref").asString())) {
                return item;
            }
        }
        throw new AssertionError("no item " + ref + " in " + progress);
    }

    CertificationRecorded cert(String employee, String achievementId, String issued, Instant recordedAt,
                               CertificationRecorded.Source source) {
        return new CertificationRecorded(achievementId, employee, midCertification, "CRED-" + achievementId, null,
                LocalDate.parse(issued), null, recordedAt, source);
    }

    static LevelPlaced placed(String employee, String placementId, String track, String level, String from) {
        return new LevelPlaced(placementId, employee, track, level, LocalDate.parse(from), "joined with a history",
                "hr-feed", Instant.now());
    }

    static CatalogVersionPublished publishedAt(CatalogVersionPublished c, String trackId,
                                               VerificationPolicy policy) {
        return new CatalogVersionPublished(trackId, c.trackName(), 1, Instant.parse("2020-01-01T00:00:00Z"),
                c.levels(), c.certifications(), c.skills(), c.demoteOnExpiry(), policy);
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
