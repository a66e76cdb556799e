package dev.ladder.notification;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.keycloak.DemoUsers;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Claims and decisions from ladder.achievements.v1 as notifications, against real PostgreSQL, Kafka and Keycloak:
 * who is who comes from EmployeeUpdated events the test publishes; the feed is read over HTTP with real tokens.
 * <p>
 * Mark's employee id is not his sign-in subject (he is found by subject). Alice and Bob keep their subject as id, so
 * the milestone tests (another context, another database, the same broker) read their feeds as before. This context
 * has a consumer group of its own and is closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimNotificationFlowTest {

    private static final String GROUP = "notification-claims-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ALICE = DemoUsers.ALICE.id();
    private static final String BOB = DemoUsers.BOB.id();
    private static final String DLT_GROUP_HEADER = "kafka_dlt-original-consumer-group";
    /** An outside producer the tests' application.yml allows (ladder.events.external-producers). */
    private static final String LMS = "/lms/acme-academy";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "notification");
        registry.add("ladder.notification.consumer-group", () -> GROUP);
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    RestTestClient http;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String team = "claims-" + suffix;
    /** Mark's employee id: not his subject. */
    final String mark = UUID.randomUUID().toString();
    final String certification = "test-cert-" + suffix;
    final String certificationName = "Test Certification " + suffix;
    final String skill = "test-skill-" + suffix;
    final String skillName = "Test Skill " + suffix;

    @BeforeAll
    void organisation() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        Instant now = Instant.now();
        List<RecordMetadata> sent = new ArrayList<>();
        sent.add(send(EventType.CATALOG_VERSION_PUBLISHED, "test-track-" + suffix, id(),
                new CatalogVersionPublished("test-track-" + suffix, "Test track", 1, now, List.of(),
                        List.of(new CatalogVersionPublished.Certification(certification, certificationName, 36)),
                        List.of(new CatalogVersionPublished.Skill(skill, skillName)))));
        // mark manages the team, bob deputises, alice is a member
        sent.add(person(mark, DemoUsers.MARK.id(), "Mark Meyer", null, null));
        sent.add(person(BOB, BOB, "Bob Berg", mark, null));
        sent.add(person(ALICE, ALICE, "Alice Anders", mark, BOB));
        LadderInfra.awaitConsumed(GROUP, sent);
    }

    @Test
    void aSelfClaimReachesTheManagerAndTheDeputyNotTheClaimant() {
        String claim = id();
        String recorded = id();
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send(EventType.CERTIFICATION_RECORDED, ALICE, recorded, claim(claim, ALICE, recordedAt));

        Map<String, Object> forMark = awaitItem("mark", pending(recorded, mark));
        assertThat(forMark).containsOnlyKeys("id", "seq", "kind", "title", "message", "createdAt", "read", "link")
                .containsEntry("kind", "CLAIM_PENDING")
                .containsEntry("title", "Alice Anders claims " + certificationName)
                .containsEntry("message", "Alice Anders claims " + certificationName
                        + " — waiting for your verification")
                .containsEntry("link", "#/verification")
                .containsEntry("read", false);
        assertThat(Instant.parse((String) forMark.get("createdAt"))).isEqualTo(recordedAt);
        assertThat(awaitItem("bob", pending(recorded, BOB))).containsEntry("kind", "CLAIM_PENDING");
        assertThat(ids("alice")).noneMatch(n -> n.contains(recorded));

        // a correction of the pending claim announces nothing new
        String corrected = id();
        RecordMetadata correction = send(EventType.CERTIFICATION_RECORDED, ALICE, corrected,
                claim(claim, ALICE, recordedAt.plusSeconds(1)));
        LadderInfra.awaitConsumed(GROUP, correction);
        assertThat(ids("mark")).noneMatch(n -> n.contains(corrected));
        assertThat(ids("bob")).noneMatch(n -> n.contains(corrected));
    }

    @Test
    void verifiedAndRejectedClaimsReachTheEmployeeWithTheReason() {
        String verifiedClaim = id();
        String rejectedClaim = id();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send(EventType.CERTIFICATION_RECORDED, ALICE, id(), claim(verifiedClaim, ALICE, at));
        send(EventType.CERTIFICATION_RECORDED, ALICE, id(), claim(rejectedClaim, ALICE, at));
        String verified = id();
        String rejected = id();
        send(EventType.CERTIFICATION_VERIFIED, ALICE, verified, new CertificationVerified(verifiedClaim, ALICE,
                certification, mark, at.plusSeconds(60)));
        send(EventType.CERTIFICATION_REJECTED, ALICE, rejected, new CertificationRejected(rejectedClaim, ALICE,
                certification, mark, "credential id unknown to the issuer", at.plusSeconds(61)));

        assertThat(awaitItem("alice", "CLAIM_VERIFIED:" + verified + ":" + ALICE))
                .containsEntry("kind", "CLAIM_VERIFIED")
                .containsEntry("message", "Your " + certificationName + " was verified by Mark Meyer")
                .containsEntry("link", "#/certifications")
                .containsEntry("read", false);
        assertThat(awaitItem("alice", "CLAIM_REJECTED:" + rejected + ":" + ALICE))
                .containsEntry("kind", "CLAIM_REJECTED")
                .containsEntry("message", "Your " + certificationName
                        + " was rejected by Mark Meyer: credential id unknown to the issuer")
                .containsEntry("link", "#/certifications");
        assertThat(ids("mark")).noneMatch(n -> n.contains(verified) || n.contains(rejected));

        // corrected after the rejection: a new round, announced again
        String reopened = id();
        send(EventType.CERTIFICATION_RECORDED, ALICE, reopened, claim(rejectedClaim, ALICE, at.plusSeconds(120)));
        assertThat(awaitItem("mark", pending(reopened, mark))).containsEntry("kind", "CLAIM_PENDING");
    }

    @Test
    void aRedeliveredEventCreatesNothingNewAndKeepsItsReadState() {
        String recorded = id();
        CertificationRecorded claim = claim(id(), ALICE, Instant.now());
        send(EventType.CERTIFICATION_RECORDED, ALICE, recorded, claim);
        String notification = pending(recorded, mark);
        awaitItem("mark", notification);
        markRead("mark", notification);

        String rejected = id();
        CertificationRejected rejection = new CertificationRejected(claim.achievementId(), ALICE, certification,
                mark, "blurry scan", Instant.now().plusSeconds(1));
        send(EventType.CERTIFICATION_REJECTED, ALICE, rejected, rejection);
        awaitItem("alice", "CLAIM_REJECTED:" + rejected + ":" + ALICE);

        // the same ce_ids again, as Kafka may redeliver them
        RecordMetadata again = send(EventType.CERTIFICATION_RECORDED, ALICE, recorded, claim);
        RecordMetadata rejectedAgain = send(EventType.CERTIFICATION_REJECTED, ALICE, rejected, rejection);
        LadderInfra.awaitConsumed(GROUP, again, rejectedAgain);

        List<Map<String, Object>> marks = feed("mark", "");
        assertThat(marks).filteredOn(n -> n.get("id").toString().contains(recorded)).hasSize(1)
                .allSatisfy(n -> assertThat(n).containsEntry("read", true));
        assertThat(ids("bob")).filteredOn(n -> n.contains(recorded)).hasSize(1);
        assertThat(ids("alice")).filteredOn(n -> n.contains(rejected)).hasSize(1);
    }

    @Test
    void anEmployeeWhoseIdIsNotTheirSubjectReadsTheirOwnAndNobodyElseDoes() {
        String ada = UUID.randomUUID().toString();
        LadderInfra.awaitConsumed(GROUP, person(ada, DemoUsers.ADA.id(), "Ada Admin", null, null));
        String verified = id();
        send(EventType.CERTIFICATION_VERIFIED, ada, verified, new CertificationVerified(id(), ada, certification,
                mark, Instant.now()));

        String mine = "CLAIM_VERIFIED:" + verified + ":" + ada;
        assertThat(awaitItem("ada", mine)).containsEntry("message",
                "Your " + certificationName + " was verified by Mark Meyer");
        for (String other : List.of("alice", "bob", "mark")) {
            assertThat(ids(other)).doesNotContain(mine);
            http.post().uri("/api/notifications/{id}/read", mine).header("Authorization", bearer(other)).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(find(feed("ada", ""), mine)).containsEntry("read", false);
        markRead("ada", mine);
        assertThat(find(feed("ada", ""), mine)).containsEntry("read", true);
    }

    @Test
    void aClaimThatArrivesBeforeItsClaimantReachesTheManagerWhenTheClaimantDoes() {
        String newcomer = UUID.randomUUID().toString();
        String withdrawnNewcomer = UUID.randomUUID().toString();
        String recorded = id();
        String recordedThenWithdrawn = id();
        String withdrawnClaim = id();
        RecordMetadata claimAt = send(EventType.CERTIFICATION_RECORDED, newcomer, recorded,
                claim(id(), newcomer, Instant.now()));
        send(EventType.CERTIFICATION_RECORDED, withdrawnNewcomer, recordedThenWithdrawn,
                claim(withdrawnClaim, withdrawnNewcomer, Instant.now()));
        RecordMetadata withdrawnAt = send(EventType.CERTIFICATION_WITHDRAWN, withdrawnNewcomer, id(),
                new CertificationWithdrawn(withdrawnClaim, withdrawnNewcomer, certification, withdrawnNewcomer,
                        "recorded by mistake", Instant.now().plusSeconds(1)));
        LadderInfra.awaitConsumed(GROUP, claimAt, withdrawnAt);
        assertThat(ids("mark")).noneMatch(n -> n.contains(recorded));

        // no subject yet: provisioned by HR, never signed in
        RecordMetadata withdrawnPerson = person(withdrawnNewcomer, null, "Wanda Withdrawn", mark, null);
        person(newcomer, null, "Nora Newcomer", mark, null);

        assertThat(awaitItem("mark", pending(recorded, mark)))
                .containsEntry("message", "Nora Newcomer claims " + certificationName
                        + " — waiting for your verification");
        // taken back before anyone could be told: nobody is
        LadderInfra.awaitConsumed(GROUP, withdrawnPerson);
        assertThat(ids("mark")).noneMatch(n -> n.contains(recordedThenWithdrawn));
    }

    @Test
    void aSelfAssessmentReachesTheManagerOncePerSkillAndDay() {
        LocalDate today = LocalDate.now();
        Instant now = Instant.now();
        send(EventType.SKILL_ASSESSED, ALICE, id(), new SkillAssessed(id(), ALICE, skill, 3,
                SkillAssessed.Source.SELF, ALICE, today, now));
        String notification = "SKILL_SELF_ASSESSED:" + ALICE + ":" + skill + ":" + today + ":" + mark;
        assertThat(awaitItem("mark", notification))
                .containsEntry("message", "Alice Anders self-assessed " + skillName
                        + " at 3 — waiting for your confirmation")
                .containsEntry("link", "#/verification");

        RecordMetadata again = send(EventType.SKILL_ASSESSED, ALICE, id(), new SkillAssessed(id(), ALICE, skill, 4,
                SkillAssessed.Source.SELF, ALICE, today, now.plusSeconds(1)));
        RecordMetadata byManager = send(EventType.SKILL_ASSESSED, ALICE, id(), new SkillAssessed(id(), ALICE, skill,
                4, SkillAssessed.Source.MANAGER, mark, today, now.plusSeconds(2)));
        LadderInfra.awaitConsumed(GROUP, again, byManager);
        assertThat(ids("mark")).filteredOn(n -> n.contains(skill)).hasSize(1);
        assertThat(ids("alice")).noneMatch(n -> n.contains(skill));
    }

    /**
     * ladder.achievements.v1 is shared: a record of a type this service handles that it cannot read goes to the
     * dead-letter topic; every other type — another Ladder type, a type only someone else knows, even one this
     * service could not read — is skipped, not dead-lettered (that is its consumers' call); the partition moves on.
     */
    @Test
    void unreadableClaimsAreDeadLetteredOtherTypesSkippedAndTheNextClaimStillArrives() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.ACHIEVEMENTS))) {
            String garbage = id();
            String unknownType = id();
            String invalid = id();
            String experience = id();
            String unreadableExperience = id();
            raw(CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, ALICE, "{not json").id(garbage), "{not json");
            RecordMetadata unknownAt = raw(CloudEventRecord.of(Topics.ACHIEVEMENTS, "com.example.BadgeEarned.v1",
                    ALICE, "{\"badge\":\"x\"}").id(unknownType), "{\"badge\":\"x\"}");
            String noCredential = "{\"achievementId\":\"%s\",\"employeeId\":\"%s\",\"certificationId\":\"%s\",\"issuedOn\":\"2026-01-15\",\"recordedAt\":\"%s\",\"source\":\"SELF\"}"
                    .formatted(id(), ALICE, certification, Instant.now());
            raw(CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, ALICE, noCredential).id(invalid), noCredential);
            RecordMetadata experienceAt = send(EventType.EXPERIENCE_RECORDED, ALICE, experience,
                    new ExperienceRecorded(id(), ALICE, LocalDate.of(2020, 1, 1), LocalDate.of(2022, 1, 1),
                            "Analyst", Instant.now()));
            String noStart = "{\"experienceId\":\"%s\",\"employeeId\":\"%s\",\"recordedAt\":\"%s\"}"
                    .formatted(id(), ALICE, Instant.now());
            RecordMetadata unreadableExperienceAt = raw(CloudEventRecord.of(EventType.EXPERIENCE_RECORDED, ALICE,
                    noStart).id(unreadableExperience), noStart);
            String good = id();
            send(EventType.CERTIFICATION_RECORDED, ALICE, good, claim(id(), ALICE, Instant.now()));

            for (String eventId : List.of(garbage, invalid)) {
                ConsumerRecord<String, String> dead = dlt.await(deadLetteredHere(eventId), WAIT);
                assertThat(dead.key()).isEqualTo(ALICE);
            }
            awaitItem("mark", pending(good, mark));
            LadderInfra.awaitConsumed(GROUP, unknownAt, experienceAt, unreadableExperienceAt);
            for (String eventId : List.of(unknownType, experience, unreadableExperience)) {
                dlt.noneUpToEnd(deadLetteredHere(eventId));
            }
        }
    }

    /** A claim or decision is applied only to the person its record is keyed and addressed to (README, Events). */
    @Test
    void aClaimOrDecisionKeyedOrAddressedToSomeoneElseIsDeadLetteredAndReachesNobody() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.ACHIEVEMENTS))) {
            Instant now = Instant.now();
            // keyed to Alice, Bob's claim: applied, it would reach Bob's manager, Mark
            String misKeyed = id();
            send(EventType.CERTIFICATION_RECORDED, ALICE, misKeyed, claim(id(), BOB, now));
            // keyed to and about Bob, addressed (ce_subject) to Alice: applied, it would reach Bob
            String misAddressed = id();
            String verified = json.writeValueAsString(new CertificationVerified(id(), BOB, certification, mark, now));
            RecordMetadata misAddressedAt = raw(CloudEventRecord.of(EventType.CERTIFICATION_VERIFIED, BOB, verified)
                    .id(misAddressed).subject(ALICE), verified);
            // and a self-assessment keyed to Alice about Bob
            String misKeyedSkill = id();
            send(EventType.SKILL_ASSESSED, ALICE, misKeyedSkill, new SkillAssessed(id(), BOB, skill, 2,
                    SkillAssessed.Source.SELF, BOB, LocalDate.now(), now));
            String good = id();
            RecordMetadata goodAt = send(EventType.CERTIFICATION_RECORDED, ALICE, good, claim(id(), ALICE, now));

            for (String eventId : List.of(misKeyed, misAddressed, misKeyedSkill)) {
                ConsumerRecord<String, String> dead = dlt.await(deadLetteredHere(eventId), WAIT);
                assertThat(dead.key()).isEqualTo(eventId.equals(misAddressed) ? BOB : ALICE);
                assertThat(KafkaProbe.header(dead, "kafka_dlt-exception-message"))
                        .contains("Record about another employeeId than its payload");
            }
            awaitItem("mark", pending(good, mark));
            LadderInfra.awaitConsumed(GROUP, goodAt, misAddressedAt);
            assertThat(ids("mark")).noneMatch(n -> n.contains(misKeyed) || n.contains(BOB + ":" + skill));
            assertThat(ids("bob")).noneMatch(n -> n.contains(misAddressed) || n.contains(misKeyed));
            assertThat(ids("alice")).noneMatch(n -> n.contains(misAddressed) || n.contains(misKeyed));
        }
    }

    /**
     * Verifying a claim, and declaring one, are acts inside Ladder (profile-service): an outside producer's record of
     * either is dead-lettered with the reason and reaches nobody, while what it may send (an issuer's record) is
     * applied.
     */
    @Test
    void aDecisionOrSelfClaimFromAnOutsideProducerIsDeadLetteredAndReachesNobody() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.ACHIEVEMENTS))) {
            Instant now = Instant.now();
            String claim = id();
            send(EventType.CERTIFICATION_RECORDED, ALICE, id(), claim(claim, ALICE, now));
            String forgedVerification = id();
            String verification = json.writeValueAsString(new CertificationVerified(claim, ALICE, certification,
                    mark, now.plusSeconds(1)));
            raw(CloudEventRecord.of(EventType.CERTIFICATION_VERIFIED, ALICE, verification).id(forgedVerification)
                    .source(LMS), verification);
            String forgedClaim = id();
            String selfClaim = json.writeValueAsString(claim(id(), ALICE, now));
            raw(CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, ALICE, selfClaim).id(forgedClaim).source(LMS),
                    selfClaim);
            String issued = id();
            String issuerRecord = json.writeValueAsString(new CertificationRecorded(id(), ALICE, certification,
                    "CRED-" + suffix, "Issuer", LocalDate.of(2026, 1, 15), null, now,
                    CertificationRecorded.Source.ISSUER));
            RecordMetadata issuedAt = raw(CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, ALICE, issuerRecord)
                    .id(issued).source(LMS), issuerRecord);

            assertThat(KafkaProbe.header(dlt.await(deadLetteredHere(forgedVerification), WAIT),
                    "kafka_dlt-exception-stacktrace")).contains("InvalidEventException", "ce_source '" + LMS
                    + "' may not publish " + EventType.CERTIFICATION_VERIFIED.id());
            assertThat(KafkaProbe.header(dlt.await(deadLetteredHere(forgedClaim), WAIT),
                    "kafka_dlt-exception-stacktrace")).contains("ce_source '" + LMS + "' is an external producer",
                    "never SELF");
            LadderInfra.awaitConsumed(GROUP, issuedAt);
            dlt.noneUpToEnd(deadLetteredHere(issued));
            assertThat(ids("alice")).noneMatch(n -> n.contains(forgedVerification));
            assertThat(ids("mark")).noneMatch(n -> n.contains(forgedClaim) || n.contains(issued));
        }
    }

    // --- helpers

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String pending(String eventId, String recipient) {
        return "CLAIM_PENDING:" + eventId + ":" + recipient;
    }

    private static Predicate<ConsumerRecord<String, String>> deadLetteredHere(String eventId) {
        return KafkaProbe.hasHeader(CloudEventHeaders.ID, eventId).and(KafkaProbe.hasHeader(DLT_GROUP_HEADER, GROUP));
    }

    private CertificationRecorded claim(String achievementId, String employeeId, Instant recordedAt) {
        return new CertificationRecorded(achievementId, employeeId, certification, "CRED-" + suffix, "Issuer",
                LocalDate.of(2026, 1, 15), null, recordedAt, CertificationRecorded.Source.SELF);
    }

    private RecordMetadata person(String employeeId, String subject, String name, String managerId,
                                  String deputyId) {
        return send(EventType.EMPLOYEE_UPDATED, employeeId, id(), new EmployeeUpdated(employeeId, name,
                null, team, "Claims team", managerId, null, null, null, Instant.now(), subject, null, deputyId,
                true));
    }

    private RecordMetadata send(EventType type, String key, String eventId, Object event) {
        String payload = json.writeValueAsString(event);
        return raw(CloudEventRecord.of(type, key, payload).id(eventId), payload);
    }

    /** Through the official CloudEvents binding's headers; the answer says where it landed. */
    private static RecordMetadata raw(CloudEventRecord record, String payload) {
        return LadderInfra.send(record.topic(), record.key(), record.headerMap(), payload);
    }

    private static String bearer(String user) {
        return "Bearer " + LadderInfra.accessToken(user);
    }

    private List<Map<String, Object>> feed(String user, String query) {
        return http.get().uri("/api/notifications/me" + query).header("Authorization", bearer(user)).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
    }

    private List<String> ids(String user) {
        return feed(user, "").stream().map(n -> n.get("id").toString()).toList();
    }

    private Map<String, Object> awaitItem(String user, String id) {
        return find(await().atMost(WAIT).until(() -> feed(user, ""),
                items -> items.stream().anyMatch(n -> id.equals(n.get("id")))), id);
    }

    private static Map<String, Object> find(List<Map<String, Object>> items, String id) {
        return items.stream().filter(n -> id.equals(n.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no notification " + id + " in " + items));
    }

    private void markRead(String user, String id) {
        http.post().uri("/api/notifications/{id}/read", id).header("Authorization", bearer(user)).exchange()
                .expectStatus().isNoContent();
    }
}
