package dev.ladder.progress.ledger;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.catalog.CatalogReferences;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Where an event comes from and what it refers to decide whether it is applied: only the service that publishes a
 * type (and, on the public achievements topic, the configured outside producers, within their rights) may send it;
 * an achievement must name a certification or skill of the catalog; and an event is known by its source and id
 * together.
 */
// a short wait for catalog releases, so the test of an unfinished release does not take the default 10 s
@TestPropertySource(properties = "ladder.progress.catalog-wait=2s")
class EventProvenanceTest implements ProgressServiceTest {

    static final String ALICE = "11111111-1111-4111-8111-111111111111";
    static final String MARK = "22222222-2222-4222-8222-222222222222";
    static final String BOB = "44444444-4444-4444-8444-444444444444";
    /** Configured as an outside producer in the tests' application.yml, as the README's example LMS. */
    static final String LMS = "/lms/acme-academy";
    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    CatalogReferences references;

    TestApi api;
    KafkaProbe achievementDeadLetters;
    KafkaProbe employeeDeadLetters;

    @BeforeAll
    void catalog() {
        achievementDeadLetters = LadderInfra.probe(Topics.deadLetter(Topics.ACHIEVEMENTS));
        employeeDeadLetters = LadderInfra.probe(Topics.deadLetter(Topics.EMPLOYEES));
        api = new TestApi(json, port);
        api.publishSeedTrack(jdbc);
    }

    @AfterAll
    void closeProbes() {
        achievementDeadLetters.close();
        employeeDeadLetters.close();
    }

    /** Otherwise anyone who can write the topic could name themselves someone's manager and read their progress. */
    @Test
    void anEmployeeUpdatedFromAnotherSourceThanProfileServiceChangesNoManager() {
        api.send(EventType.EMPLOYEE_UPDATED, UUID.randomUUID().toString(), ALICE, alice(MARK, Instant.now()));
        await().atMost(WAIT).until(() -> MARK.equals(managerOfAlice()));

        String fromLms = UUID.randomUUID().toString();
        String fromProgress = UUID.randomUUID().toString();
        Instant later = Instant.now().plusSeconds(60); // newer than the real profile: it would win if applied
        RecordMetadata lmsAt = CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, ALICE,
                json.writeValueAsString(alice(BOB, later))).id(fromLms).source(LMS).sendForMetadata();
        RecordMetadata progressAt = CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, ALICE,
                        json.writeValueAsString(alice(BOB, later))).id(fromProgress)
                .source(EventProducers.PROGRESS_SERVICE).sendForMetadata();

        assertThat(reason(employeeDeadLetters, fromLms)).contains("ce_source '" + LMS + "' may not publish "
                + EventType.EMPLOYEE_UPDATED.id(), "only /ladder/profile-service may");
        assertThat(reason(employeeDeadLetters, fromProgress)).contains("ce_source '/ladder/progress-service' may not "
                + "publish " + EventType.EMPLOYEE_UPDATED.id());
        LadderInfra.awaitConsumed(ProgressApplication.CONSUMER, lmsAt, progressAt);
        assertThat(managerOfAlice()).isEqualTo(MARK);
        assertThat(api.get("/api/progress/employees/" + ALICE, "bob").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/progress/employees/" + ALICE, "mark").statusCode()).isEqualTo(200);
    }

    @Test
    void anOutsideProducerMayNotClaimAManagersAssessmentNorVerifyACertification() {
        String employee = "provenance-" + UUID.randomUUID();
        String skill = SeedTrack.midSkillIds().get(0);
        String managers = lms(EventType.SKILL_ASSESSED, employee, skill(employee, skill, SkillAssessed.Source.MANAGER));
        String verification = lms(EventType.CERTIFICATION_VERIFIED, employee,
                new CertificationVerified("a-1", employee, "ceh", MARK, Instant.now()));
        String assessment = lms(EventType.SKILL_ASSESSED, employee,
                skill(employee, skill, SkillAssessed.Source.ASSESSMENT));

        assertThat(reason(achievementDeadLetters, managers)).contains("InvalidEventException",
                "ce_source '" + LMS + "' is an external producer: it may publish " + EventType.SKILL_ASSESSED.id()
                        + " with \"source\" ASSESSMENT only", "the payload's \"source\" is MANAGER");
        assertThat(reason(achievementDeadLetters, verification)).contains("ce_source '" + LMS + "' may not publish "
                + EventType.CERTIFICATION_VERIFIED.id() + ": only /ladder/profile-service may");
        await().atMost(WAIT).until(() -> ledgerEntries(LMS, assessment) == 1);
        assertThat(ledgerEntriesOf(employee)).as("only the formal assessment").isEqualTo(1);
    }

    @Test
    void anAchievementNamingACertificationOrSkillNoCatalogHasIsDeadLetteredWithTheReason() {
        String employee = "provenance-" + UUID.randomUUID();
        String certification = CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, employee,
                json.writeValueAsString(certification(employee, "no-such-certification"))).send().id();
        String skill = lms(EventType.SKILL_ASSESSED, employee,
                skill(employee, "no-such-skill", SkillAssessed.Source.ASSESSMENT));
        String known = CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, employee,
                json.writeValueAsString(certification(employee, "ceh"))).send().id();

        assertThat(reason(achievementDeadLetters, certification)).contains(EventType.CERTIFICATION_RECORDED.id()
                + " names certification 'no-such-certification', which no published catalog version contains");
        assertThat(reason(achievementDeadLetters, skill)).contains(EventType.SKILL_ASSESSED.id()
                + " names skill 'no-such-skill', which no published catalog version contains");
        await().atMost(WAIT).until(() -> ledgerEntries(EventProducers.PROFILE_SERVICE, known) == 1);
        assertThat(ledgerEntriesOf(employee)).isEqualTo(1);
    }

    /**
     * Releases and achievements travel on different topics: an achievement must not be judged against a catalog
     * whose newest release has been published but not applied yet. While the releases consumer lags, an unknown id
     * cannot be declared unknown; once it has caught up, the release's ids are known.
     */
    @Test
    void anIdIsJudgedOnlyOnceEveryPublishedReleaseIsApplied() {
        String track = "provenance-" + UUID.randomUUID();
        CatalogVersionPublished seed = SeedTrack.version(1);
        List<CatalogVersionPublished.Certification> certifications = new ArrayList<>(seed.certifications());
        certifications.add(new CatalogVersionPublished.Certification("brand-new-cert", "Brand new", null));
        CatalogVersionPublished release = new CatalogVersionPublished(track, "Provenance", 1, Instant.now(),
                seed.levels(), certifications, seed.skills());
        SkillAssessed stillUnknown = skill("e", "never-published-skill", SkillAssessed.Source.ASSESSMENT);
        CertificationRecorded brandNew = certification("e", "brand-new-cert");
        MessageListenerContainer releases = releasesContainer();
        releases.stop();
        try {
            api.send(EventType.CATALOG_VERSION_PUBLISHED, UUID.randomUUID().toString(), track, release);

            assertThatThrownBy(() -> references.unknownReference(brandNew))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("certification 'brand-new-cert'")
                    .hasMessageContaining("has not applied every published release");
        } finally {
            releases.start();
        }
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM catalog_version WHERE track_id = :t")
                .param("t", track).query(Integer.class).single() == 1);
        assertThat(references.unknownReference(brandNew)).isNull();
        assertThat(references.unknownReference(stillUnknown)).contains("never-published-skill");
    }

    /** CloudEvents makes only source and id together unique: two producers may number their events alike. */
    @Test
    void theSameIdFromTwoSourcesIsTwoEventsAndTheSameSourceAndIdTwiceIsOne() {
        String employee = "provenance-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        CertificationRecorded fromProfile = certification(employee, "ceh");
        CertificationRecorded fromLms = certification(employee, "comptia-security-plus");
        CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, employee, json.writeValueAsString(fromProfile)).id(id)
                .send();
        CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, employee, json.writeValueAsString(fromLms)).id(id)
                .source(LMS).send();
        CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, employee, json.writeValueAsString(fromProfile)).id(id)
                .send();
        // a later record on the same partition: once it is applied, the ones before it have been handled
        String marker = CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, employee,
                json.writeValueAsString(certification(employee, "cissp"))).send().id();
        await().atMost(WAIT).until(() -> ledgerEntries(EventProducers.PROFILE_SERVICE, marker) == 1);

        assertThat(ledgerEntries(EventProducers.PROFILE_SERVICE, id)).isEqualTo(1);
        assertThat(ledgerEntries(LMS, id)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT payload::text FROM ledger_entry WHERE event_id = :id ORDER BY id")
                .param("id", id).query(String.class).list())
                .satisfiesExactly(first -> assertThat(first).contains("\"ceh\""),
                        second -> assertThat(second).contains("\"comptia-security-plus\""));
        assertThat(ledgerEntriesOf(employee)).isEqualTo(3);
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    /** Sends as the outside LMS does; the event's ce_id. */
    String lms(EventType type, String key, Object event) {
        return CloudEventRecord.of(type, key, json.writeValueAsString(event)).source(LMS).send().id();
    }

    /** The reason a dead letter of this service carries (the exception's stack trace, causes included). */
    static String reason(KafkaProbe deadLetters, String eventId) {
        ConsumerRecord<String, String> dead = deadLetters.await(KafkaProbe.hasHeader(CloudEventHeaders.ID, eventId)
                .and(KafkaProbe.hasHeader("kafka_dlt-original-consumer-group", ProgressApplication.CONSUMER)), WAIT);
        return KafkaProbe.header(dead, "kafka_dlt-exception-stacktrace");
    }

    MessageListenerContainer releasesContainer() {
        return listeners.getListenerContainers().stream()
                .filter(c -> Arrays.asList(c.getContainerProperties().getTopics()).contains(Topics.CATALOG_RELEASES))
                .findFirst().orElseThrow();
    }

    String managerOfAlice() {
        return jdbc.sql("SELECT manager_id FROM employee WHERE employee_id = :e").param("e", ALICE)
                .query(String.class).optional().orElse(null);
    }

    int ledgerEntries(String source, String eventId) {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE event_source = :s AND event_id = :id")
                .param("s", source).param("id", eventId).query(Integer.class).single();
    }

    int ledgerEntriesOf(String employee) {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE employee_id = :e").param("e", employee)
                .query(Integer.class).single();
    }

    static EmployeeUpdated alice(String managerId, Instant updatedAt) {
        return new EmployeeUpdated(ALICE, "Alice Anders", "alice@ladder.local", "ai-security", "AI Security",
                managerId, SeedTrack.TRACK, "united-states", LocalDate.of(2024, 9, 1), updatedAt);
    }

    static CertificationRecorded certification(String employee, String certificationId) {
        return new CertificationRecorded(UUID.randomUUID().toString(), employee, certificationId, "CRED-1", null,
                LocalDate.of(2025, 6, 1), null, Instant.now());
    }

    static SkillAssessed skill(String employee, String skillId, SkillAssessed.Source source) {
        return new SkillAssessed(UUID.randomUUID().toString(), employee, skillId, 3, source, "acme-academy",
                LocalDate.of(2025, 7, 1), Instant.now());
    }
}
