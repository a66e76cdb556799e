package dev.ladder.progress.whatif;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.Today;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.ladder.testkit.KafkaProbe.hasHeader;
import static dev.ladder.testkit.KafkaProbe.hasKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What-if answers from hypothetical achievements on top of the recorded ones, and changes nothing. */
@Import(Today.class)
class WhatIfTest implements ProgressServiceTest {

    static final String ALICE = "11111111-1111-4111-8111-111111111111";
    static final String MARK = "22222222-2222-4222-8222-222222222222";

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    TestApi api;
    KafkaProbe milestones;

    @BeforeAll
    void alice() {
        api = new TestApi(json, port);
        milestones = LadderInfra.probe(Topics.MILESTONES);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, UUID.randomUUID().toString(), SeedTrack.TRACK,
                SeedTrack.version(1));
        api.send(EventType.EMPLOYEE_UPDATED, UUID.randomUUID().toString(), ALICE, new EmployeeUpdated(ALICE,
                "Alice Anders", "alice@ladder.local", "ai-security", "AI Security", MARK, SeedTrack.TRACK,
                "united-states", LocalDate.of(2024, 9, 1), Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> count("progress") == 1);
    }

    @AfterAll
    void close() {
        milestones.close();
    }

    @Test
    void hypotheticalAchievementsGiveTheResultingLevelAndReadinessAndChangeNothing() {
        Map<String, Integer> before = counts();
        Map<String, Object> request = Map.of(
                "certifications", List.of(Map.of("certificationId", "comptia-security-plus")),
                "skills", SeedTrack.midSkillIds().stream().map(id -> Map.of("skillId", id, "proficiency", 3))
                        .collect(Collectors.toList()),
                "experienceYears", 1);

        HttpResponse<String> response = api.post("/api/progress/me/what-if", "alice",
                json.writeValueAsString(request));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode outcome = json.readTree(response.body());
        assertThat(outcome.at("/before/currentLevel/id").asString()).isEqualTo("entry");
        assertThat(outcome.at("/before/readinessPercent").asInt()).isZero();
        assertThat(outcome.at("/after/currentLevel/id").asString()).isEqualTo("mid");
        assertThat(outcome.at("/after/nextLevel/id").asString()).isEqualTo("senior");

        JsonNode onlyTheCertification = json.readTree(api.post("/api/progress/employees/" + ALICE + "/what-if",
                "mark", "{\"certifications\":[{\"certificationId\":\"ceh\",\"issuedOn\":\"2026-01-01\"}]}").body());
        assertThat(onlyTheCertification.at("/after/readinessPercent").asInt()).isEqualTo(33);

        assertThat(counts()).isEqualTo(before);
        assertThat(api.read("/api/progress/me", "alice").path("readinessPercent").asInt()).isZero();
        // the sentinel: a real Security+ makes alice 33% ready, announced through the same outbox and relay with
        // the same key; a milestone the what-ifs had announced would be on the partition before it
        api.send(EventType.CERTIFICATION_RECORDED, UUID.randomUUID().toString(), ALICE, new CertificationRecorded(
                UUID.randomUUID().toString(), ALICE, "comptia-security-plus", "CRED-SENTINEL", null,
                LocalDate.of(2026, 3, 1), null, Instant.now()));
        milestones.noneBefore(hasHeader(CloudEventHeaders.ID, ALICE + ":READINESS_THRESHOLD_CROSSED:mid:25"),
                hasKey(ALICE));
    }

    @Test
    void onlyTheEmployeeTheirManagerAndAdminsAskAndBadInputIsRejected() {
        String path = "/api/progress/employees/" + ALICE + "/what-if";
        assertThat(api.post(path, "bob", "{}").statusCode()).isEqualTo(403);
        assertThat(api.post(path, "ada", "{}").statusCode()).isEqualTo(200);
        assertThat(api.post("/api/progress/me/what-if", null, "{}").statusCode()).isEqualTo(401);

        HttpResponse<String> unknown = api.post("/api/progress/me/what-if", "alice",
                "{\"certifications\":[{\"certificationId\":\"nope\"}]}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("certifications[0].certificationId");
        assertThat(api.post("/api/progress/me/what-if", "alice",
                "{\"skills\":[{\"skillId\":\"x\",\"proficiency\":7}]}").statusCode()).isEqualTo(400);
    }

    /**
     * At most 200 hypothetical certifications and 200 skills (WhatIfRequest.MAX_ITEMS): one more is a 400 problem
     * naming the list, evaluated for nobody; exactly 200 of each is answered.
     */
    @Test
    void aWhatIfListOverItsLimitIsRejectedNamingItAndOneAtTheLimitIsAnswered() {
        Map<String, Integer> before = counts();
        int limit = WhatIfRequest.MAX_ITEMS;
        assertThat(limit).isEqualTo(200);

        HttpResponse<String> atTheLimit = whatIf(certifications(limit), skills(limit));
        assertThat(atTheLimit.statusCode()).as(atTheLimit.body()).isEqualTo(200);
        assertThat(json.readTree(atTheLimit.body()).at("/after/readinessPercent").asInt()).isPositive();

        HttpResponse<String> oneCertificationTooMany = whatIf(certifications(limit + 1), skills(1));
        assertThat(oneCertificationTooMany.statusCode()).as(oneCertificationTooMany.body()).isEqualTo(400);
        assertThat(oneCertificationTooMany.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(oneCertificationTooMany.body());
        assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("certifications");

        HttpResponse<String> oneSkillTooMany = api.post("/api/progress/employees/" + ALICE + "/what-if", "mark",
                json.writeValueAsString(Map.of("skills", skills(limit + 1))));
        assertThat(oneSkillTooMany.statusCode()).as(oneSkillTooMany.body()).isEqualTo(400);
        assertThat(json.readTree(oneSkillTooMany.body()).path("errors").findValuesAsString("field"))
                .containsExactly("skills");

        assertThat(counts()).isEqualTo(before);
    }

    HttpResponse<String> whatIf(List<Map<String, Object>> certifications, List<Map<String, Object>> skills) {
        return api.post("/api/progress/me/what-if", "alice",
                json.writeValueAsString(Map.of("certifications", certifications, "skills", skills)));
    }

    /** {@code n} certifications of the track, its ids repeated (the same one twice is allowed). */
    static List<Map<String, Object>> certifications(int n) {
        List<String> ids = SeedTrack.certificationIds();
        return IntStream.range(0, n).<Map<String, Object>>mapToObj(i -> Map.of("certificationId",
                ids.get(i % ids.size()))).toList();
    }

    /** {@code n} of Mid-Level's skills at proficiency 3, repeated. */
    static List<Map<String, Object>> skills(int n) {
        List<String> ids = SeedTrack.midSkillIds();
        return IntStream.range(0, n).<Map<String, Object>>mapToObj(i -> Map.of("skillId", ids.get(i % ids.size()),
                "proficiency", 3)).toList();
    }

    Map<String, Integer> counts() {
        return Map.of("ledger", count("ledger_entry"), "outbox", count("outbox_event"),
                "milestones", count("emitted_milestone"), "processed", count("processed_event"));
    }

    int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }
}
