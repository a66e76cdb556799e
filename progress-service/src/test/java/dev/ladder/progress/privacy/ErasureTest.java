package dev.ladder.progress.privacy;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.Today;
import dev.ladder.testkit.DatabaseSearch;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GDPR: an erased person leaves no trace in any table (their own rows deleted, mentions in others' rows scrubbed),
 * the others keep their progress and the team dashboard counts without them, later events about them are discarded
 * (not dead-lettered); and the export of the caller's personal data.
 */
@Import(Today.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureTest implements ProgressServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    TestApi api;
    KafkaProbe deadLetters;

    final String unique = UUID.randomUUID().toString().substring(0, 8);
    final String team = "erasure-" + unique;
    final String mark = UUID.randomUUID().toString();
    final String erin = UUID.randomUUID().toString();
    final String erinSubject = "sub-" + UUID.randomUUID();
    final String erinName = "Erin Erasable " + unique;
    final String erinEmail = "erin." + unique + "@example.com";
    final String olga = UUID.randomUUID().toString();
    final String alice = UUID.randomUUID().toString();
    final String cert = SeedTrack.certificationIds("mid").get(0);

    @BeforeAll
    void people() {
        api = new TestApi(json, port);
        deadLetters = LadderInfra.probe(Topics.deadLetter(Topics.ACHIEVEMENTS));
        api.publishSeedTrack(jdbc);
        person(mark, subjectOf("mark"), "Mark Meyer", null, null, null, null);
        person(erin, erinSubject, erinName, erinEmail, team, mark, null);
        person(olga, "sub-" + olga, "Olga Other", null, team, mark, erin); // erin deputises for olga's manager
        person(alice, subjectOf("alice"), "Alice Anders", null, "alice-" + unique, mark, null);
        String erinClaim = UUID.randomUUID().toString();
        String olgaClaim = UUID.randomUUID().toString();
        achievement(erin, EventType.CERTIFICATION_RECORDED, new CertificationRecorded(erinClaim, erin, cert, "CRED",
                null, LocalDate.of(2025, 1, 1), null, Instant.now()));
        achievement(olga, EventType.CERTIFICATION_RECORDED, new CertificationRecorded(olgaClaim, olga, cert, "CRED",
                null, LocalDate.of(2025, 1, 1), null, Instant.now()));
        // erin verified olga's certification and assessed her skill (by name)
        achievement(olga, EventType.CERTIFICATION_VERIFIED, new CertificationVerified(olgaClaim, olga, cert, erin,
                Instant.now()));
        achievement(olga, EventType.SKILL_ASSESSED, new SkillAssessed(UUID.randomUUID().toString(), olga,
                SeedTrack.midSkillIds().get(0), 3, SkillAssessed.Source.MANAGER, erinName, LocalDate.of(2025, 2, 1),
                Instant.now()));
        achievement(alice, EventType.CERTIFICATION_RECORDED, new CertificationRecorded(UUID.randomUUID().toString(),
                alice, cert, "CRED", null, LocalDate.of(2025, 1, 1), null, Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM ledger_entry") == 5
                && count("SELECT count(*) FROM progress WHERE readiness_percent > 0") == 3);
    }

    @AfterAll
    void close() {
        deadLetters.close();
    }

    @Test
    @Order(1)
    void theExportHoldsTheCallersOwnDataOnly() {
        JsonNode mine = api.read("/api/progress/me/personal-data", "alice");
        assertThat(mine.path("service").asString()).isEqualTo("progress-service");
        assertThat(mine.path("employeeId").asString()).isEqualTo(alice);
        assertThat(mine.path("employee").path("display_name").asString()).isEqualTo("Alice Anders");
        assertThat(mine.path("projection").path("readiness_percent").asInt()).isPositive();
        assertThat(mine.path("ledger")).hasSize(1);
        assertThat(mine.path("ledger").get(0).path("payload").path("certificationId").asString()).isEqualTo(cert);
        assertThat(mine.path("trackHistory")).hasSize(1);
        assertThat(mine.path("milestones").isArray()).isTrue();

        // bob is nobody known here: a complete document with empty sections, nothing of alice's
        var bob = api.get("/api/progress/me/personal-data", "bob");
        assertThat(bob.statusCode()).isEqualTo(200);
        assertThat(bob.body()).doesNotContain(alice).doesNotContain("Alice Anders");
        JsonNode bobs = json.readTree(bob.body());
        assertThat(bobs.path("ledger")).isEmpty();
        assertThat(bobs.path("trackHistory")).isEmpty();

        assertThat(api.get("/api/progress/me/personal-data", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/v3/api-docs", "ada").body()).contains("/api/progress/me/personal-data");
    }

    @Test
    @Order(2)
    void anErasedPersonLeavesNoTraceAndTheOthersKeepTheirs() {
        int olgaReadiness = olgaReadiness();
        assertThat(api.read("/api/progress/teams/" + team, "mark").path("members").findValuesAsString("employeeId"))
                .containsExactlyInAnyOrder(erin, olga);
        assertThat(mentions()).isNotEmpty(); // the search finds them before

        RecordMetadata erased = api.send(EventType.EMPLOYEE_ERASED, UUID.randomUUID().toString(), erin,
                new EmployeeErased(UUID.randomUUID().toString(), erin, erinSubject, Instant.now()));
        LadderInfra.awaitConsumed(ProgressApplication.CONSUMER, erased);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM erased_person") == 1);

        assertThat(mentions()).isEmpty();
        assertThat(olgaReadiness()).isEqualTo(olgaReadiness);
        assertThat(jdbc.sql("SELECT payload::text FROM ledger_entry WHERE employee_id = :o ORDER BY id")
                .param("o", olga).query(String.class).list())
                .hasSize(3).anySatisfy(p -> assertThat(p).contains("\"verifiedBy\":\"erased\""))
                .anySatisfy(p -> assertThat(p).contains("\"assessedBy\":\"erased\""));
        JsonNode dashboard = api.read("/api/progress/teams/" + team, "mark");
        assertThat(dashboard.path("members").findValuesAsString("employeeId")).containsExactly(olga);
        int histogram = 0;
        for (JsonNode bucket : dashboard.path("readinessHistogram")) {
            histogram += bucket.asInt();
        }
        assertThat(histogram).isEqualTo(1);
        assertThat(api.get("/api/progress/teams/" + team + "/trends", "mark").body()).doesNotContain(erin);
        assertThat(api.get("/api/progress/employees/" + olga, "mark").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void laterEventsAboutAnErasedPersonAreDiscardedNotDeadLettered() {
        RecordMetadata late = api.send(EventType.CERTIFICATION_RECORDED, UUID.randomUUID().toString(), erin,
                new CertificationRecorded(UUID.randomUUID().toString(), erin, cert, "CRED", null,
                        LocalDate.of(2025, 3, 1), null, Instant.now()));
        RecordMetadata replayed = person(erin, erinSubject, erinName, erinEmail, team, mark, null);
        LadderInfra.awaitConsumed(ProgressApplication.CONSUMER, late, replayed);
        assertThat(mentions()).isEmpty();
        assertThat(count("SELECT count(*) FROM ledger_entry")).isEqualTo(4);
        deadLetters.noneUpToEnd(KafkaProbe.hasKey(erin));
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    int olgaReadiness() {
        return jdbc.sql("SELECT readiness_percent FROM progress WHERE employee_id = :o").param("o", olga)
                .query(Integer.class).single();
    }

    /** Where the database still holds one of erin's identifiers. */
    List<String> mentions() {
        return DatabaseSearch.mentions(dataSource, List.of(erin, erinSubject, erinName, erinEmail));
    }

    int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    RecordMetadata person(String id, String subject, String name, String email, String teamId, String managerId,
                          String deputyId) {
        return api.send(EventType.EMPLOYEE_UPDATED, UUID.randomUUID().toString(), id, new EmployeeUpdated(id, name,
                email, teamId, teamId == null ? null : "Team " + teamId, managerId, SeedTrack.TRACK, null,
                LocalDate.of(2025, 1, 1), Instant.now(), subject, "Engineer", deputyId, true));
    }

    void achievement(String key, EventType type, Object event) {
        api.send(type, UUID.randomUUID().toString(), key, event);
    }

    /** The {@code sub} of a demo user's access token. */
    String subjectOf(String user) {
        String payload = LadderInfra.accessToken(user).split("\\.")[1];
        return json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .path("sub").asString();
    }
}
