package dev.ladder.progress.api;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.Today;
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
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static dev.ladder.testkit.KafkaProbe.hasKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * progress-service as its neighbours see it: events in exactly as an external producer writes them (ce_* headers
 * and JSON), the HTTP API with real Keycloak tokens, milestones out on Kafka — over real PostgreSQL and Kafka.
 */
@Import(Today.class)
class ProgressFlowTest implements ProgressServiceTest {

    static final String ALICE = "11111111-1111-4111-8111-111111111111";
    static final String MARK = "22222222-2222-4222-8222-222222222222";
    static final String BOB = "44444444-4444-4444-8444-444444444444";
    static final String SECURITY_PLUS_EVENT = UUID.randomUUID().toString();
    static final String FIRST_MILESTONE = ALICE + ":READINESS_THRESHOLD_CROSSED:mid:25";
    /** An external producer the tests' application.yml allows (ladder.events.external-producers). */
    static final String ISSUER = "/test/credential-issuer";

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    KafkaProbe milestones;
    KafkaProbe deadLetters;

    @BeforeAll
    void aliceRecordsSecurityPlus() {
        milestones = LadderInfra.probe(Topics.MILESTONES);
        deadLetters = LadderInfra.probe(Topics.deadLetter(Topics.ACHIEVEMENTS));

        send(EventType.CATALOG_VERSION_PUBLISHED, UUID.randomUUID().toString(), SeedTrack.TRACK,
                SeedTrack.version(1));
        send(EventType.EMPLOYEE_UPDATED, UUID.randomUUID().toString(), ALICE, new EmployeeUpdated(ALICE,
                "Alice Anders", "alice@ladder.local", "ai-security", "AI Security", MARK, SeedTrack.TRACK,
                "united-states", LocalDate.of(2024, 9, 1), Instant.now()));
        send(EventType.CERTIFICATION_RECORDED, SECURITY_PLUS_EVENT, ALICE, securityPlus());

        // the profile travels on another topic, applied by another consumer: wait for both
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode alice = progress("alice");
            assertThat(alice.path("readinessPercent").asInt()).isEqualTo(33);
            assertThat(alice.at("/groups/2/items/0/detail").asString()).startsWith("2 years");
        });
    }

    @AfterAll
    void closeProbes() {
        milestones.close();
        deadLetters.close();
    }

    @Test
    void aliceSeesHerSecurityPlusMakeHerAThirdReadyForMidLevel() {
        JsonNode progress = progress("alice");

        assertThat(progress.path("employeeId").asString()).isEqualTo(ALICE);
        assertThat(progress.path("trackId").asString()).isEqualTo(SeedTrack.TRACK);
        assertThat(progress.path("catalogVersion").asInt()).isEqualTo(1);
        assertThat(progress.at("/currentLevel/id").asString()).isEqualTo("entry");
        assertThat(progress.at("/currentLevel/rank").asInt()).isEqualTo(1);
        assertThat(progress.at("/nextLevel/name").asString()).isEqualTo("Mid-Level");
        assertThat(progress.path("readinessPercent").asInt()).isEqualTo(33);
        JsonNode certifications = progress.at("/groups/0");
        assertThat(certifications.path("id").asString()).isEqualTo("mid-certifications");
        assertThat(certifications.path("kind").asString()).isEqualTo("ANY_OF");
        assertThat(certifications.path("met").asBoolean()).isTrue();
        assertThat(certifications.path("metCount").asInt()).isEqualTo(1);
        assertThat(certifications.at("/items/0/ref").asString()).isEqualTo("comptia-security-plus");
        assertThat(certifications.at("/items/0/name").asString()).isEqualTo("CompTIA Security+");
        assertThat(certifications.at("/items/0/met").asBoolean()).isTrue();
        assertThat(progress.at("/groups/1/met").asBoolean()).isFalse(); // no skills recorded yet
        assertThat(progress.at("/groups/2/items/0/detail").asString()).startsWith("2 years since 2024-09-01");
        assertThat(progress.path("updatedAt").asString()).isNotBlank();
    }

    @Test
    void theMilestoneIsPublishedOnceAsAValidEventIdentifiedByItsMilestoneId() {
        ConsumerRecord<String, String> record = milestones.await(hasKey(ALICE), Duration.ofSeconds(30));

        assertThat(EventSchemas.violations(EventType.MILESTONE_REACHED, record.value())).isEmpty();
        JsonNode milestone = json.readTree(record.value());
        assertThat(milestone.path("milestoneId").asString()).isEqualTo(FIRST_MILESTONE);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.ID)).isEqualTo(FIRST_MILESTONE);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.TYPE)).isEqualTo(EventType.MILESTONE_REACHED.id());
        // the one source notification-service accepts milestones from
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo(EventProducers.PROGRESS_SERVICE);
        assertThat(milestone.path("kind").asString()).isEqualTo("READINESS_THRESHOLD_CROSSED");
        assertThat(milestone.path("threshold").asInt()).isEqualTo(25);
        assertThat(milestone.path("readinessPercent").asInt()).isEqualTo(33);
        assertThat(milestone.path("message").asString()).isEqualTo("You are now 33% ready for Mid-Level");
    }

    @Test
    void theSameCertificationDeliveredAgainChangesNothing() {
        milestones.await(hasKey(ALICE), Duration.ofSeconds(30));
        JsonNode before = progress("alice");

        send(EventType.CERTIFICATION_RECORDED, SECURITY_PLUS_EVENT, ALICE, securityPlus());
        // a later record on the same partition: once it is applied, the duplicate before it has been handled
        String marker = UUID.randomUUID().toString();
        send(EventType.CERTIFICATION_RECORDED, marker, ALICE, certification(ALICE, "cissp"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ledgerEntries(marker) == 1);

        assertThat(ledgerEntries(SECURITY_PLUS_EVENT)).isEqualTo(1);
        JsonNode after = progress("alice");
        assertThat(after.path("readinessPercent")).isEqualTo(before.path("readinessPercent"));
        assertThat(after.path("groups")).isEqualTo(before.path("groups"));
        // milestones leave through the outbox, written in the transaction that applied the record: once the outbox
        // is relayed, anything the duplicate (or the marker) announced is on the topic
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL").query(Integer.class).single() == 0);
        milestones.noneUpToEnd(r -> hasKey(ALICE).test(r) && !FIRST_MILESTONE.equals(
                KafkaProbe.header(r, CloudEventHeaders.ID)));
        assertThat(milestones.records().stream().filter(hasKey(ALICE))).hasSize(1);
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheNextRecordIsStillProcessed() {
        String employee = "external-" + UUID.randomUUID();
        String bad = UUID.randomUUID().toString();
        issuer(EventType.CERTIFICATION_RECORDED.id(), employee, "{not json").id(bad + "-garbage").send();
        issuer("com.example.BadgeEarned.v1", employee, "{\"badge\":\"x\"}").id(bad + "-unknown").send();
        CertificationRecorded valid = certification(employee, "ceh");
        ObjectNode expiresBeforeIssue = json.valueToTree(valid);
        expiresBeforeIssue.put("expiresOn", "2000-01-01");
        issuer(EventType.CERTIFICATION_RECORDED.id(), employee, json.writeValueAsString(expiresBeforeIssue))
                .id(bad + "-invalid").send();
        // valid by the contract, but PostgreSQL stores no NUL character in text: it fails on every attempt
        CertificationRecorded refused = new CertificationRecorded(UUID.randomUUID().toString(), employee + "\u0000",
                "ceh", "CRED-9", null, LocalDate.of(2025, 6, 1), null, Instant.now());
        send(EventType.CERTIFICATION_RECORDED, bad + "-refused", employee + "\u0000", refused);
        // a valid Ladder event (from the service that publishes it) this listener has no use for is ignored, not
        // dead-lettered
        String foreign = UUID.randomUUID().toString();
        RecordMetadata foreignAt = CloudEventRecord.of(Topics.ACHIEVEMENTS, EventType.EMPLOYEE_UPDATED.id(), employee,
                json.writeValueAsString(new EmployeeUpdated(employee, "Ext", null, null, null, null, null, null, null,
                        Instant.now()))).id(foreign).sendForMetadata();
        String next = UUID.randomUUID().toString();
        send(EventType.CERTIFICATION_RECORDED, next, employee, valid);

        for (String suffix : new String[]{"-garbage", "-unknown", "-invalid", "-refused"}) {
            ConsumerRecord<String, String> dead = deadLetters.await(
                    KafkaProbe.hasHeader(CloudEventHeaders.ID, bad + suffix), Duration.ofSeconds(30));
            assertThat(dead.key()).isEqualTo(suffix.equals("-refused") ? employee + "\u0000" : employee);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ledgerEntries(next) == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_entry WHERE employee_id = :e").param("e", employee)
                .query(Integer.class).single()).isEqualTo(1);
        // the group committed past the foreign record: it was handled, and dead-lettered by now if at all
        LadderInfra.awaitConsumed(ProgressApplication.CONSUMER, foreignAt);
        deadLetters.noneUpToEnd(KafkaProbe.hasHeader(CloudEventHeaders.ID, foreign));
    }

    /**
     * The key decides the partition (the order of one person's events) and the payload whose ledger an event lands
     * in: an achievement whose key or ce_subject names someone else is dead-lettered with the reason, not applied.
     */
    @Test
    void anAchievementWhoseKeyOrSubjectNamesSomeoneElseIsDeadLetteredWithTheReason() {
        String employee = "external-" + UUID.randomUUID();
        String other = "someone-else-" + UUID.randomUUID();
        String wrongKey = UUID.randomUUID().toString();
        CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, other,
                        json.writeValueAsString(certification(employee, "ceh")))
                .id(wrongKey).source(ISSUER).send();
        String wrongSubject = UUID.randomUUID().toString();
        CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, employee,
                        json.writeValueAsString(certification(employee, "cism")))
                .id(wrongSubject).subject(other).source(ISSUER).send();
        String good = UUID.randomUUID().toString();
        send(EventType.CERTIFICATION_RECORDED, good, employee, certification(employee, "ceh"));

        ConsumerRecord<String, String> keyed = deadLetters.await(
                KafkaProbe.hasHeader(CloudEventHeaders.ID, wrongKey), Duration.ofSeconds(30));
        assertThat(KafkaProbe.header(keyed, "kafka_dlt-exception-stacktrace"))
                .contains("InvalidEventException", "The record key '" + other + "' is not the event's employeeId");
        ConsumerRecord<String, String> addressed = deadLetters.await(
                KafkaProbe.hasHeader(CloudEventHeaders.ID, wrongSubject), Duration.ofSeconds(30));
        assertThat(KafkaProbe.header(addressed, "kafka_dlt-exception-stacktrace"))
                .contains("InvalidEventException", "ce_subject '" + other + "' is not the event's employeeId");
        await().atMost(Duration.ofSeconds(30)).until(() -> ledgerEntries(good) == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_entry WHERE employee_id IN (:e, :o)")
                .param("e", employee).param("o", other).query(Integer.class).single())
                .as("only the record whose key, subject and payload agree").isEqualTo(1);
    }

    @Test
    void publishesItsApiDescriptionAndHealth() {
        // the API description and metrics are for admins
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        assertThat(get("/v3/api-docs", "alice").statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics", "alice").statusCode()).isEqualTo(403);
        HttpResponse<String> api = get("/v3/api-docs", "ada");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("/api/progress/me", "/api/progress/employees/{employeeId}");
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAliceHerManagerAndAdminsSeeHerProgress() {
        String path = "/api/progress/employees/" + ALICE;

        assertThat(get(path, "alice").statusCode()).isEqualTo(200);
        assertThat(get(path, "mark").statusCode()).isEqualTo(200);
        assertThat(get(path, "ada").statusCode()).isEqualTo(200);
        HttpResponse<String> bob = get(path, "bob");
        assertThat(bob.statusCode()).isEqualTo(403);
        assertThat(bob.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(get(path, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/progress/me", null).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = get("/api/progress/employees/" + UUID.randomUUID(), "ada");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void someoneWithoutEventsStartsAtTheEntryLevel() {
        JsonNode bob = progress("bob");

        assertThat(bob.path("employeeId").asString()).isEqualTo(BOB);
        assertThat(bob.at("/currentLevel/rank").asInt()).isEqualTo(1);
        assertThat(bob.at("/nextLevel/id").asString()).isEqualTo("mid");
        assertThat(bob.path("readinessPercent").asInt()).isZero();
        assertThat(bob.at("/groups/2/items/0/detail").asString()).isEqualTo("start date not known");
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    JsonNode progress(String user) {
        HttpResponse<String> response = get("/api/progress/me", user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    HttpResponse<String> get(String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Bearer " + LadderInfra.accessToken(user));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int ledgerEntries(String eventId) {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE event_id = :id").param("id", eventId)
                .query(Integer.class).single();
    }

    /**
     * Exactly what its producer writes (CloudEvents binary mode, JSON value, key = aggregate id): a certification as
     * a credential issuer (an external producer, configured in the tests' application.yml) sends it, everything else
     * as the Ladder service that publishes it.
     */
    void send(EventType type, String eventId, String key, Object event) {
        CloudEventRecord record = CloudEventRecord.of(type, key, json.writeValueAsString(event)).id(eventId);
        if (type == EventType.CERTIFICATION_RECORDED) {
            record.source(ISSUER);
        }
        record.send();
    }

    /** A record of any type (known or not, valid or not) on the achievements topic, as a credential issuer sends it. */
    static CloudEventRecord issuer(String type, String key, String json) {
        return CloudEventRecord.of(Topics.ACHIEVEMENTS, type, key, json).source(ISSUER);
    }

    static CertificationRecorded securityPlus() {
        return new CertificationRecorded("a-security-plus", ALICE, "comptia-security-plus", "COMP001-SEC",
                "CompTIA", LocalDate.of(2026, 3, 1), LocalDate.of(2029, 3, 1), Instant.parse("2026-03-02T09:00:00Z"));
    }

    static CertificationRecorded certification(String employee, String certificationId) {
        return new CertificationRecorded(UUID.randomUUID().toString(), employee, certificationId, "CRED-1", null,
                LocalDate.of(2025, 6, 1), null, Instant.now());
    }
}
