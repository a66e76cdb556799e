package dev.ladder.progress.expiry;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.Today;
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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Time alone: certifications lapse on their expiry day (today is 2026-11-25), the daily sweep announces EXPIRING
 * (90 and 30 days before) and EXPIRED once each, and a lapsed certification puts the level at risk — or takes it
 * away on a track whose catalog demotes on expiry.
 */
@Import(Today.class)
class ExpiryTest implements ProgressServiceTest {

    static final String DEMOTING_TRACK = "demoting-track";

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    TestApi api;
    KafkaProbe milestones;

    final String in51Days = "exp90-" + UUID.randomUUID();
    final String in15Days = "exp30-" + UUID.randomUUID();
    final String expired = "expired-" + UUID.randomUUID();
    final String keeps = "atrisk-" + UUID.randomUUID();
    final String demoted = "demoted-" + UUID.randomUUID();
    JsonNode firstSweep;

    @BeforeAll
    void history() {
        api = new TestApi(json, port);
        milestones = LadderInfra.probe(Topics.MILESTONES);
        CatalogVersionPublished seed = SeedTrack.version(1);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), SeedTrack.TRACK, seed);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, id(), DEMOTING_TRACK, new CatalogVersionPublished(
                DEMOTING_TRACK, "Demoting", 1, seed.publishedAt(), seed.levels(), seed.certifications(),
                seed.skills(), true));
        cert(in51Days, "comptia-security-plus", "2024-01-15", "2027-01-15");
        cert(in15Days, "ceh", "2023-12-10", "2026-12-10");
        cert(expired, "ceh", "2023-11-20", "2026-11-20");
        reachedMidThenLapsed(keeps, SeedTrack.TRACK);
        reachedMidThenLapsed(demoted, DEMOTING_TRACK);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM ledger_entry")
                .query(Integer.class).single() == 3 + 2 * 7);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM employee")
                .query(Integer.class).single() == 2);
        // both tracks' catalogs (another topic, another consumer): the sweep judges by them
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM catalog_version")
                .query(Integer.class).single() == 2);

        HttpResponse<String> response = api.post("/api/progress/admin/expiry-sweep", "ada", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        firstSweep = json.readTree(response.body());
    }

    @AfterAll
    void close() {
        milestones.close();
    }

    @Test
    void theSweepAnnouncesEachDueExpiryMilestoneOnceWithADeterministicId() {
        assertThat(firstSweep.path("day").asString()).isEqualTo("2026-11-25");
        assertThat(firstSweep.path("announced").asInt()).isEqualTo(3 + 2);

        ConsumerRecord<String, String> warning = awaitMilestone(
                in51Days + ":CERTIFICATION_EXPIRING:comptia-security-plus@2027-01-15:90");
        assertThat(EventSchemas.violations(EventType.MILESTONE_REACHED, warning.value())).isEmpty();
        JsonNode event = json.readTree(warning.value());
        assertThat(event.path("kind").asString()).isEqualTo("CERTIFICATION_EXPIRING");
        assertThat(event.path("threshold").asInt()).isEqualTo(90);
        assertThat(event.path("levelId").asString()).isEqualTo("mid");
        assertThat(event.path("message").asString())
                .isEqualTo("Your CompTIA Security+ expires on 2027-01-15 (in 51 days)");
        awaitMilestone(in15Days + ":CERTIFICATION_EXPIRING:ceh@2026-12-10:30");
        JsonNode gone = json.readTree(awaitMilestone(expired + ":CERTIFICATION_EXPIRED:ceh@2026-11-20:0").value());
        assertThat(gone.path("threshold").isNull()).isTrue();

        HttpResponse<String> again = api.post("/api/progress/admin/expiry-sweep", "ada", "");
        assertThat(json.readTree(again.body()).path("announced").asInt()).isZero();
        assertThat(api.post("/api/progress/admin/expiry-sweep", "mark", "").statusCode()).isEqualTo(403);
    }

    @Test
    void aLapsedCertificationPutsTheLevelAtRiskByDefault() {
        JsonNode progress = progress(keeps);
        assertThat(progress.at("/currentLevel/id").asString()).isEqualTo("mid");
        assertThat(progress.path("atRisk").asBoolean()).isTrue();
        assertThat(progress(in51Days).path("atRisk").asBoolean()).isFalse();
    }

    @Test
    void aTrackThatDemotesOnExpiryTakesTheLevelAway() {
        JsonNode progress = progress(demoted);
        assertThat(progress.at("/currentLevel/id").asString()).isEqualTo("entry");
        assertThat(progress.path("atRisk").asBoolean()).isFalse();
        // it was held: as of before the lapse the level is there
        assertThat(api.read("/api/progress/employees/" + demoted + "?asOf=2026-10-01", "ada")
                .at("/currentLevel/id").asString()).isEqualTo("mid");
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    ConsumerRecord<String, String> awaitMilestone(String id) {
        return milestones.await(KafkaProbe.hasHeader(CloudEventHeaders.ID, id), Duration.ofSeconds(30));
    }

    JsonNode progress(String employee) {
        return api.read("/api/progress/employees/" + employee, "ada");
    }

    /** Mid-Level reached on 2025-06-01 with a CEH that lapsed on 2026-11-01. */
    void reachedMidThenLapsed(String employee, String track) {
        api.send(EventType.EMPLOYEE_UPDATED, id(), employee, new EmployeeUpdated(employee, "E " + employee, null,
                null, null, null, track, null, LocalDate.of(2020, 1, 1), Instant.now()));
        cert(employee, "ceh", "2021-01-01", "2026-11-01");
        for (String skill : SeedTrack.midSkillIds()) {
            api.send(EventType.SKILL_ASSESSED, id(), employee, new SkillAssessed(id(), employee, skill, 3,
                    SkillAssessed.Source.ASSESSMENT, "lms", LocalDate.of(2025, 6, 1), Instant.now()));
        }
    }

    void cert(String employee, String certification, String issued, String expires) {
        api.send(EventType.CERTIFICATION_RECORDED, id(), employee, new CertificationRecorded(id(), employee,
                certification, "CRED", null, LocalDate.parse(issued), LocalDate.parse(expires), Instant.now()));
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
