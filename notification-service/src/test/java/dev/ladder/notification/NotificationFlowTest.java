package dev.ladder.notification;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.keycloak.DemoUsers;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole service against real PostgreSQL, Kafka and Keycloak: milestones in over Kafka, the feed out over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationFlowTest {

    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    /** Bob's subject: with no person copy in this context, his employee id. */
    private static final String BOB = DemoUsers.BOB.id();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The consumer group of MilestoneListener. */
    private static final String GROUP = "notification";
    private static final String DLT_GROUP_HEADER = "kafka_dlt-original-consumer-group";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "notification");
    }

    @LocalServerPort
    int port;

    RestTestClient http;

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void aliceSeesHerMilestoneAndOnlySheCanMarkItRead() {
        String id = milestoneId();
        send(UUID.randomUUID().toString(), EventType.MILESTONE_REACHED.id(), milestone(id, 33, Instant.now()));

        Map<String, Object> item = awaitItem("alice", id);
        assertThat(item).containsOnlyKeys("id", "seq", "kind", "title", "message", "createdAt", "read", "link");
        assertThat(item).containsEntry("kind", "READINESS_THRESHOLD_CROSSED")
                .containsEntry("link", "#/progress")
                .containsEntry("title", "33% ready for Mid-Level")
                .containsEntry("message", "You are 33% ready for Mid-Level")
                .containsEntry("read", false);

        // bob neither sees it nor learns that it exists
        assertThat(feed("bob", "")).extracting(n -> n.get("id")).doesNotContain(id);
        http.post().uri("/api/notifications/{id}/read", id).header("Authorization", bearer("bob")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(find(feed("alice", ""), id)).containsEntry("read", false);
        assertThat(feed("alice", "?unread=true")).extracting(n -> n.get("id")).contains(id);

        markRead("alice", id);
        markRead("alice", id); // idempotent

        assertThat(find(feed("alice", ""), id)).containsEntry("read", true);
        assertThat(feed("alice", "?unread=true")).extracting(n -> n.get("id")).doesNotContain(id);
    }

    @Test
    void unknownNotificationIsNotFound() {
        http.post().uri("/api/notifications/{id}/read", "no-such-" + UUID.randomUUID())
                .header("Authorization", bearer("alice")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void feedIsNewestFirst() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String older = milestoneId();
        String newer = milestoneId();
        // newer first on the wire: the feed orders by when the milestone happened, not by arrival
        send(UUID.randomUUID().toString(), EventType.MILESTONE_REACHED.id(), milestone(newer, 50, now));
        send(UUID.randomUUID().toString(), EventType.MILESTONE_REACHED.id(),
                milestone(older, 26, now.minus(Duration.ofMinutes(5))));
        awaitItem("alice", older);

        List<Object> ids = feed("alice", "").stream().map(n -> n.get("id")).toList();
        assertThat(ids.indexOf(newer)).isLessThan(ids.indexOf(older));
    }

    @Test
    void theSameMilestoneIsStoredOnceHoweverItArrives() {
        String id = milestoneId();
        String eventId = UUID.randomUUID().toString();
        String json = milestone(id, 40, Instant.now());
        send(eventId, EventType.MILESTONE_REACHED.id(), json);
        send(eventId, EventType.MILESTONE_REACHED.id(), json);                    // redelivery, same ce_id
        send(UUID.randomUUID().toString(), EventType.MILESTONE_REACHED.id(), json); // re-published, new ce_id
        // same key, same partition: once this one shows up, the three above have been handled
        String marker = milestoneId();
        send(UUID.randomUUID().toString(), EventType.MILESTONE_REACHED.id(), milestone(marker, 41, Instant.now()));
        awaitItem("alice", marker);

        assertThat(feed("alice", "")).filteredOn(n -> id.equals(n.get("id"))).hasSize(1);
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheNextRecordIsStillProcessed() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.MILESTONES))) {
            poisonThenGood(dlt);
        }
    }

    private void poisonThenGood(KafkaProbe dlt) {
        String garbage = UUID.randomUUID().toString();
        String invalid = UUID.randomUUID().toString();

        send(garbage, EventType.MILESTONE_REACHED.id(), "{not json at all");
        send(invalid, EventType.MILESTONE_REACHED.id(), milestone(milestoneId(), 500, Instant.now()));
        String good = milestoneId();
        send(UUID.randomUUID().toString(), EventType.MILESTONE_REACHED.id(), milestone(good, 75, Instant.now()));

        for (String eventId : List.of(garbage, invalid)) {
            ConsumerRecord<String, String> dead = dlt.await(deadLetteredHere(eventId), WAIT);
            assertThat(dead.key()).isEqualTo(ALICE);
        }
        assertThat(find(awaitFeedWith("alice", good), good)).containsEntry("title", "75% ready for Mid-Level");
    }

    /**
     * Types this service does not handle are other services' business (or a newer version's): skipped, not
     * dead-lettered — a type nobody knows, another Ladder type, and a record of another type this service could not
     * even read.
     */
    @Test
    void typesThisServiceDoesNotHandleAreSkippedNotDeadLettered() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.MILESTONES))) {
            String stray = UUID.randomUUID().toString();
            String unknownType = UUID.randomUUID().toString();
            String unreadableStray = UUID.randomUUID().toString();
            RecordMetadata strayAt = send(stray, EventType.CERTIFICATION_RECORDED.id(), """
                    {"achievementId":"%s","employeeId":"%s","certificationId":"comptia-security-plus",
                     "credentialId":"CSP-1","issuer":"CompTIA","issuedOn":"2025-01-10","expiresOn":null,
                     "recordedAt":"%s"}""".formatted(stray, ALICE, Instant.now()));
            RecordMetadata unknownAt = send(unknownType, "dev.ladder.progress.SomethingNobodyKnows.v1",
                    milestone(milestoneId(), 30, Instant.now()));
            RecordMetadata unreadableAt = send(unreadableStray, EventType.CERTIFICATION_RECORDED.id(), "{not json");
            String good = milestoneId();
            send(UUID.randomUUID().toString(), EventType.MILESTONE_REACHED.id(), milestone(good, 50, Instant.now()));

            awaitItem("alice", good);
            // committed past them: handled, and dead-lettered by now if they were going to be
            LadderInfra.awaitConsumed(GROUP, strayAt, unknownAt, unreadableAt);
            for (String eventId : List.of(stray, unknownType, unreadableStray)) {
                dlt.noneUpToEnd(deadLetteredHere(eventId));
            }
        }
    }

    /** A milestone is delivered only to the person its record is keyed and addressed to (README, Events). */
    @Test
    void aMilestoneKeyedOrAddressedToSomeoneElseIsDeadLetteredAndReachesNobody() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.MILESTONES))) {
            // keyed to Alice, Bob's milestone
            String misKeyed = milestoneId();
            String misKeyedEvent = UUID.randomUUID().toString();
            send(misKeyedEvent, EventType.MILESTONE_REACHED.id(), milestone(misKeyed, BOB, 60, Instant.now()));
            // keyed to and about Alice, addressed (ce_subject) to Bob
            String misAddressed = milestoneId();
            String misAddressedEvent = UUID.randomUUID().toString();
            CloudEventRecord.of(Topics.MILESTONES, EventType.MILESTONE_REACHED.id(), ALICE,
                            milestone(misAddressed, 61, Instant.now()))
                    .id(misAddressedEvent).subject(BOB).source(EventProducers.PROGRESS_SERVICE).send();
            String good = milestoneId();
            RecordMetadata goodAt = send(UUID.randomUUID().toString(), EventType.MILESTONE_REACHED.id(),
                    milestone(good, 62, Instant.now()));

            for (String eventId : List.of(misKeyedEvent, misAddressedEvent)) {
                ConsumerRecord<String, String> dead = dlt.await(deadLetteredHere(eventId), WAIT);
                assertThat(dead.key()).isEqualTo(ALICE);
                assertThat(KafkaProbe.header(dead, "kafka_dlt-exception-message"))
                        .contains("Record about another employeeId than its payload");
            }
            awaitItem("alice", good);
            LadderInfra.awaitConsumed(GROUP, goodAt);
            for (String user : List.of("alice", "bob")) {
                assertThat(feed(user, "")).extracting(n -> n.get("id")).doesNotContain(misKeyed, misAddressed);
            }
        }
    }

    /** Only progress-service announces milestones: anyone else who writes the topic writes into nobody's feed. */
    @Test
    void aMilestoneFromAnotherSourceThanProgressServiceIsDeadLetteredAndReachesNobody() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.MILESTONES))) {
            String fromLms = milestoneId();
            String fromLmsEvent = UUID.randomUUID().toString();
            CloudEventRecord.of(Topics.MILESTONES, EventType.MILESTONE_REACHED.id(), ALICE,
                    milestone(fromLms, 90, Instant.now())).id(fromLmsEvent).source("/lms/acme-academy").send();
            String fromProfile = milestoneId();
            String fromProfileEvent = UUID.randomUUID().toString();
            CloudEventRecord.of(Topics.MILESTONES, EventType.MILESTONE_REACHED.id(), ALICE,
                    milestone(fromProfile, 91, Instant.now())).id(fromProfileEvent)
                    .source(EventProducers.PROFILE_SERVICE).send();
            String good = milestoneId();
            RecordMetadata goodAt = send(UUID.randomUUID().toString(), EventType.MILESTONE_REACHED.id(),
                    milestone(good, 92, Instant.now()));

            assertThat(KafkaProbe.header(dlt.await(deadLetteredHere(fromLmsEvent), WAIT),
                    "kafka_dlt-exception-stacktrace")).contains("InvalidEventException",
                    "ce_source '/lms/acme-academy' may not publish " + EventType.MILESTONE_REACHED.id(),
                    "only /ladder/progress-service may");
            assertThat(KafkaProbe.header(dlt.await(deadLetteredHere(fromProfileEvent), WAIT),
                    "kafka_dlt-exception-stacktrace")).contains("ce_source '/ladder/profile-service' may not publish");
            awaitItem("alice", good);
            LadderInfra.awaitConsumed(GROUP, goodAt);
            assertThat(feed("alice", "")).extracting(n -> n.get("id")).doesNotContain(fromLms, fromProfile);
        }
    }

    @Test
    void noOrBadTokenIs401() {
        http.get().uri("/api/notifications/me").exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/notifications/{id}/read", "x").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/notifications/me").header("Authorization", "Bearer not-a-jwt").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void publishesOpenApiAndReadiness() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        // the API description and metrics: admins only
        http.get().uri("/v3/api-docs").exchange().expectStatus().isUnauthorized();
        http.get().uri("/v3/api-docs").header("Authorization", bearer("bob")).exchange().expectStatus().isForbidden();
        http.get().uri("/actuator/metrics").header("Authorization", bearer("bob")).exchange().expectStatus()
                .isForbidden();
        http.get().uri("/v3/api-docs").header("Authorization", bearer("ada")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/notifications/me'].get").exists()
                .jsonPath("$.paths['/api/notifications/{id}/read'].post").exists()
                .jsonPath("$.paths['/api/notifications/me/stream'].get").exists()
                .jsonPath("$.paths['/api/notifications/me/unread-count'].get").exists()
                .jsonPath("$.paths['/api/notifications/me/read-all'].post").exists();
    }

    // --- helpers

    private static String milestoneId() {
        // the shape progress uses, made unique per test run so a shared broker's history cannot interfere
        return ALICE + ":READINESS_THRESHOLD_CROSSED:mid:" + UUID.randomUUID();
    }

    private static String milestone(String milestoneId, int percent, Instant occurredAt) {
        return milestone(milestoneId, ALICE, percent, occurredAt);
    }

    private static String milestone(String milestoneId, String employeeId, int percent, Instant occurredAt) {
        return """
                {"milestoneId":"%s","employeeId":"%s","kind":"READINESS_THRESHOLD_CROSSED",
                 "trackId":"ai-ml-security-specialist","levelId":"mid","levelName":"Mid-Level",
                 "readinessPercent":%d,"threshold":25,"message":"You are %d%% ready for Mid-Level",
                 "occurredAt":"%s"}""".formatted(milestoneId, employeeId, percent, percent, occurredAt);
    }

    private static Predicate<ConsumerRecord<String, String>> deadLetteredHere(String eventId) {
        return KafkaProbe.hasHeader(CloudEventHeaders.ID, eventId).and(KafkaProbe.hasHeader(DLT_GROUP_HEADER, GROUP));
    }

    private static RecordMetadata send(String eventId, String type, String json) {
        return CloudEventRecord.of(Topics.MILESTONES, type, ALICE, json).id(eventId)
                .source(EventProducers.PROGRESS_SERVICE).sendForMetadata();
    }

    private static String bearer(String user) {
        return "Bearer " + LadderInfra.accessToken(user);
    }

    private List<Map<String, Object>> feed(String user, String query) {
        // the whole feed (a page holds 50 by default; this context's feeds are smaller than 200)
        String page = (query.isEmpty() ? "?" : query + "&") + "size=200";
        return http.get().uri("/api/notifications/me" + page).header("Authorization", bearer(user)).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
    }

    private List<Map<String, Object>> awaitFeedWith(String user, String id) {
        return await().atMost(WAIT).until(() -> feed(user, ""),
                items -> items.stream().anyMatch(n -> id.equals(n.get("id"))));
    }

    private Map<String, Object> awaitItem(String user, String id) {
        return find(awaitFeedWith(user, id), id);
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
