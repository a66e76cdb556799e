package dev.ladder.notification.privacy;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.notification.claims.ClaimNotifications;
import dev.ladder.notification.milestones.MilestoneNotifications;
import dev.ladder.notification.summary.HeldCertifications;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.DatabaseSearch;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GDPR in notification-service: an erased person leaves no trace in any table (their feed, e-mails, claims, copy;
 * items about them in their manager's feed; their name as verifier in someone else's item scrubbed), the others keep
 * theirs, later events about them are discarded (not dead-lettered); and the export of the caller's personal data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureTest {

    private static final String GROUP = "notification-erasure-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "notification");
        registry.add("ladder.notification.consumer-group", () -> GROUP);
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ClaimNotifications claims;
    @Autowired
    HeldCertifications held;
    @Autowired
    MilestoneNotifications milestones;
    final HttpClient http = HttpClient.newHttpClient();
    KafkaProbe achievementDeadLetters;
    KafkaProbe milestoneDeadLetters;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String team = "erasure-" + suffix;
    final String certification = "erasure-cert-" + suffix;
    final String mark = UUID.randomUUID().toString();
    /** Erin signs in as the demo user alice, Olga as bob: their ids are not their subjects. */
    final String erin = UUID.randomUUID().toString();
    final String erinName = "Erin Erasable " + suffix;
    final String erinEmail = "erin." + suffix + "@example.com";
    String erinSubject;
    final String olga = UUID.randomUUID().toString();
    String erinClaimEvent;
    String olgaClaimEvent;
    String olgaVerifiedEvent;

    @BeforeAll
    void organisation() {
        erinSubject = subjectOf("alice");
        achievementDeadLetters = LadderInfra.probe(Topics.deadLetter(Topics.ACHIEVEMENTS));
        milestoneDeadLetters = LadderInfra.probe(Topics.deadLetter(Topics.MILESTONES));
        List<RecordMetadata> sent = new ArrayList<>();
        sent.add(send(EventType.CATALOG_VERSION_PUBLISHED, "track-" + suffix, new CatalogVersionPublished(
                "track-" + suffix, "Track", 1, Instant.now(), List.of(),
                List.of(new CatalogVersionPublished.Certification(certification, "Cert " + suffix, 36)), List.of())));
        sent.add(person(mark, subjectOf("mark"), "Mark Meyer", "mark." + suffix + "@example.com", null, null));
        sent.add(person(erin, erinSubject, erinName, erinEmail, mark, null));
        sent.add(person(olga, subjectOf("bob"), "Olga Other " + suffix, null, mark, erin));
        LadderInfra.awaitConsumed(GROUP, sent);

        // erin's own choices: a time zone and a daily e-mail digest of her level advances
        HttpResponse<String> preferences = put("/api/notifications/preferences", "alice", """
                {"timeZone": "Europe/Berlin", "digestHour": 7, "digestDay": "MONDAY",
                 "kinds": {"LEVEL_ADVANCED": {"email": "DAILY"}}}""");
        assertThat(preferences.statusCode()).as(preferences.body()).isEqualTo(200);

        erinClaimEvent = UUID.randomUUID().toString();
        olgaClaimEvent = UUID.randomUUID().toString();
        olgaVerifiedEvent = UUID.randomUUID().toString();
        String olgaClaim = UUID.randomUUID().toString();
        sent.add(send(EventType.CERTIFICATION_RECORDED, erin, erinClaimEvent, claim(UUID.randomUUID().toString(), erin)));
        sent.add(send(EventType.CERTIFICATION_RECORDED, olga, olgaClaimEvent, claim(olgaClaim, olga)));
        sent.add(send(EventType.CERTIFICATION_VERIFIED, olga, olgaVerifiedEvent, new CertificationVerified(olgaClaim,
                olga, certification, erin, Instant.now().plusSeconds(5))));
        sent.add(send(EventType.MILESTONE_REACHED, erin, advanced(erin)));
        LadderInfra.awaitConsumed(GROUP, sent);
        await().atMost(WAIT).until(() -> feedIds("mark").size() >= 3 && !feedIds("bob").isEmpty()
                && feedIds("alice").size() >= 2);
    }

    @AfterAll
    void close() {
        achievementDeadLetters.close();
        milestoneDeadLetters.close();
    }

    @Test
    @Order(1)
    void theExportHoldsTheCallersOwnDataOnly() {
        JsonNode erins = read("/api/notifications/me/personal-data", "alice");
        assertThat(erins.path("service").asString()).isEqualTo("notification-service");
        assertThat(erins.path("employeeId").asString()).isEqualTo(erin);
        assertThat(erins.path("person").path("email").asString()).isEqualTo(erinEmail);
        assertThat(erins.path("feed").findValuesAsString("kind")).contains("LEVEL_ADVANCED", "CLAIM_PENDING");
        assertThat(erins.path("claims")).hasSize(1);
        assertThat(erins.path("preferences").findValuesAsString("mode")).contains("DAILY");
        assertThat(erins.path("deliverySettings").path("time_zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(erins.path("outboundMessages").findValuesAsString("grouping")).contains("DAILY");
        assertThat(erins.path("webhooks").isArray()).isTrue();
        assertThat(erins.path("outboundMessages").isArray()).isTrue();

        HttpResponse<String> olgas = get("/api/notifications/me/personal-data", "bob");
        assertThat(olgas.statusCode()).isEqualTo(200);
        assertThat(json.readTree(olgas.body()).path("employeeId").asString()).isEqualTo(olga);
        assertThat(json.readTree(olgas.body()).path("feed").findValuesAsString("kind")).containsExactly("CLAIM_VERIFIED");
        assertThat(olgas.body()).doesNotContain(erinEmail).doesNotContain(erinClaimEvent);

        assertThat(get("/api/notifications/me/personal-data", null).statusCode()).isEqualTo(401);
        assertThat(get("/v3/api-docs", "ada").body()).contains("/api/notifications/me/personal-data");
    }

    @Test
    @Order(2)
    void anErasedPersonLeavesNoTraceAndTheOthersKeepTheirs() {
        assertThat(mentions()).isNotEmpty();
        RecordMetadata erased = send(EventType.EMPLOYEE_ERASED, erin, new EmployeeErased(UUID.randomUUID().toString(),
                erin, erinSubject, Instant.now()));
        LadderInfra.awaitConsumed(GROUP, erased);

        assertThat(mentions()).isEmpty();
        // mark keeps olga's claim, not erin's; olga keeps her verified claim, the verifier scrubbed
        List<String> marks = feedIds("mark");
        assertThat(marks).anyMatch(id -> id.contains(olgaClaimEvent)).noneMatch(id -> id.contains(erinClaimEvent));
        assertThat(marks).hasSize(1);
        JsonNode olgas = read("/api/notifications/me", "bob");
        assertThat(olgas).hasSize(1);
        assertThat(olgas.get(0).path("message").asString()).endsWith("verified by erased");
        assertThat(jdbc.sql("SELECT deputy_id FROM person WHERE employee_id = :o").param("o", olga)
                .query(String.class).optional()).isEmpty();
        assertThat(jdbc.sql("SELECT employee_id FROM person WHERE employee_id IN (:ids)")
                .param("ids", List.of(erin, olga, mark)).query(String.class).list())
                .containsExactlyInAnyOrder(olga, mark);
        // erin's account no longer finds anything of hers (other test classes' people may sign in as alice too)
        HttpResponse<String> export = get("/api/notifications/me/personal-data", "alice");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).doesNotContain(erin).doesNotContain(erinEmail).doesNotContain(erinName);
    }

    @Test
    @Order(3)
    void laterEventsAboutAnErasedPersonAreDiscardedNotDeadLettered() {
        RecordMetadata claim = send(EventType.CERTIFICATION_RECORDED, erin, UUID.randomUUID().toString(),
                claim(UUID.randomUUID().toString(), erin));
        MilestoneReached milestone = advanced(erin);
        RecordMetadata reached = send(EventType.MILESTONE_REACHED, erin, milestone);
        RecordMetadata replayed = person(erin, erinSubject, erinName, erinEmail, mark, null);
        LadderInfra.awaitConsumed(GROUP, claim, reached, replayed);
        assertThat(mentions()).isEmpty();
        assertThat(feedIds("mark")).hasSize(1);
        achievementDeadLetters.noneUpToEnd(KafkaProbe.hasKey(erin));
        milestoneDeadLetters.noneUpToEnd(KafkaProbe.hasKey(erin));
    }

    @Test
    @Order(4)
    void anEventThatPassedTheListenersCheckJustBeforeTheErasureCommittedStoresNothing() {
        // the services the listeners call, as if their check had run an instant before the erasure committed: each
        // takes the person's lock and looks again inside its own transaction
        claims.claimRecorded(new EventId("/test", UUID.randomUUID().toString()),
                claim(UUID.randomUUID().toString(), erin));
        held.recorded(new EventId("/test", UUID.randomUUID().toString()), claim(UUID.randomUUID().toString(), erin));
        milestones.reached(new EventId("/test", UUID.randomUUID().toString()), advanced(erin));
        claims.skillSelfAssessed(new SkillAssessed(UUID.randomUUID().toString(), erin, "skill-" + suffix, 3,
                SkillAssessed.Source.SELF, null, LocalDate.now(), Instant.now()));
        assertThat(mentions()).isEmpty();
        assertThat(feedIds("mark")).hasSize(1);
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    /** Where the database still holds one of erin's identifiers. */
    List<String> mentions() {
        return DatabaseSearch.mentions(dataSource, List.of(erin, erinSubject, erinName, erinEmail));
    }

    MilestoneReached advanced(String employeeId) {
        return new MilestoneReached(employeeId + ":LEVEL_ADVANCED:senior:" + UUID.randomUUID(), employeeId,
                MilestoneReached.MilestoneKind.LEVEL_ADVANCED, "track-" + suffix, "senior", "Senior", 100, 100,
                "Reached Senior", Instant.now(), null, null);
    }

    CertificationRecorded claim(String achievementId, String employeeId) {
        return new CertificationRecorded(achievementId, employeeId, certification, "CRED-" + suffix, "Issuer",
                LocalDate.of(2026, 1, 15), null, Instant.now(), CertificationRecorded.Source.SELF);
    }

    RecordMetadata person(String id, String subject, String name, String email, String managerId, String deputyId) {
        return send(EventType.EMPLOYEE_UPDATED, id, new EmployeeUpdated(id, name, email, team, "Erasure team",
                managerId, null, null, null, Instant.now(), subject, null, deputyId, true));
    }

    RecordMetadata send(EventType type, String key, Object event) {
        return send(type, key, UUID.randomUUID().toString(), event);
    }

    RecordMetadata send(EventType type, String key, String eventId, Object event) {
        String payload = json.writeValueAsString(event);
        CloudEventRecord record = CloudEventRecord.of(type, key, payload).id(eventId);
        return LadderInfra.send(record.topic(), record.key(), record.headerMap(), payload);
    }

    List<String> feedIds(String user) {
        List<String> ids = new ArrayList<>();
        read("/api/notifications/me", user).forEach(n -> ids.add(n.path("id").asString()));
        return ids;
    }

    JsonNode read(String path, String user) {
        HttpResponse<String> response = get(path, user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    HttpResponse<String> put(String path, String user, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + LadderInfra.accessToken(user)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    String subjectOf(String user) {
        String payload = LadderInfra.accessToken(user).split("\\.")[1];
        return json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .path("sub").asString();
    }
}
