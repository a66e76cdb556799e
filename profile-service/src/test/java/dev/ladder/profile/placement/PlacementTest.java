package dev.ladder.profile.placement;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.Api;
import dev.ladder.profile.organisation.OrgApi;
import dev.ladder.profile.organisation.OrganisationTest;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PlacementTest extends OrganisationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TRACK = "ai-ml-security-specialist";

    @Test
    void anAdminPlacesAPersonAtALevelAndLevelPlacedIsPublishedAndAudited() {
        OrgApi.Account account = OrgApi.newAccount("lena", true);
        String id = provision(account.username(), null, null).path("id").asString();

        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response placed = org.post("/api/profiles/admin/people/" + id + "/placements", "ada", """
                    {"trackId":"%s","levelId":"mid","effectiveOn":"2022-05-01","reason":"Four years at her last employer"}
                    """.formatted(TRACK));

            assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
            String placementId = placed.json().path("id").asString();
            ConsumerRecord<String, String> record = achievements.await(KafkaProbe.hasKey(id)
                    .and(KafkaProbe.hasHeader(CloudEventHeaders.TYPE, EventType.LEVEL_PLACED.id())));
            assertThat(EventSchemas.violations(EventType.LEVEL_PLACED, record.value())).isEmpty();
            JsonNode event = JSON.readTree(record.value());
            assertThat(event.path("placementId").asString()).isEqualTo(placementId);
            assertThat(event.path("employeeId").asString()).isEqualTo(id);
            assertThat(event.path("levelId").asString()).isEqualTo("mid");
            assertThat(event.path("effectiveOn").asString()).isEqualTo("2022-05-01");
            assertThat(event.path("placedBy").asString()).isEqualTo(ADA);
        }
        assertThat(auditEntries("placement.recorded", id)).isEqualTo(1);

        signedIn(account);
        Api.Response own = org.get("/api/profiles/" + id + "/placements", account.username());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("items").path(0).path("levelName").asString()).isNotBlank();
        assertThat(own.json().path("items").path(0).path("reason").asString())
                .isEqualTo("Four years at her last employer");
        assertThat(org.get("/api/profiles/" + id + "/placements", "ada").json().path("total").asLong()).isEqualTo(1);
        // alice is neither the person, their manager nor an admin: as if there were nobody
        assertThat(org.get("/api/profiles/" + id + "/placements", "alice").status()).isEqualTo(404);
    }

    @Test
    void refusedPlacementsPublishAndStoreNothing() {
        String id = provision(unique("moe"), null, null).path("id").asString();
        String path = "/api/profiles/admin/people/" + id + "/placements";

        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response invalid = org.post(path, "ada", """
                    {"trackId":"%s","levelId":"","effectiveOn":"%s","reason":" "}
                    """.formatted(TRACK, LocalDate.now().plusDays(3)));
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.errorFields()).containsExactlyInAnyOrder("levelId", "effectiveOn", "reason");
            Api.Response unknownLevel = org.post(path, "ada", """
                    {"trackId":"%s","levelId":"grandmaster","effectiveOn":"2020-01-01","reason":"why not"}
                    """.formatted(TRACK));
            assertThat(unknownLevel.status()).isEqualTo(422);
            assertThat(unknownLevel.errorFields()).containsExactly("levelId");
            Api.Response unknownTrack = org.post(path, "ada",
                    "{\"trackId\":\"no-track\",\"levelId\":\"mid\",\"effectiveOn\":\"2020-01-01\",\"reason\":\"r\"}");
            assertThat(unknownTrack.status()).isEqualTo(422);
            assertThat(unknownTrack.errorFields()).containsExactly("trackId");
            Api.Response notAdmin = org.post(path, "mark",
                    "{\"trackId\":\"" + TRACK + "\",\"levelId\":\"mid\",\"effectiveOn\":\"2020-01-01\",\"reason\":\"r\"}");
            assertThat(notAdmin.status()).isEqualTo(403);
            Api.Response nobody = org.post("/api/profiles/admin/people/" + unique("ghost") + "/placements", "ada",
                    "{\"trackId\":\"" + TRACK + "\",\"levelId\":\"mid\",\"effectiveOn\":\"2020-01-01\",\"reason\":\"r\"}");
            assertThat(nobody.status()).isEqualTo(404);
            assertThat(auditEntries("placement.recorded", id)).isZero();
            assertThat(count("select count(*) from placement where employee_id = '" + id + "'")).isZero();

            // a valid placement of the same person after the refused ones: the only LevelPlaced for them
            Api.Response sentinel = org.post(path, "ada", """
                    {"trackId":"%s","levelId":"entry","effectiveOn":"2020-01-01","reason":"sentinel"}
                    """.formatted(TRACK));
            assertThat(sentinel.status()).isEqualTo(201);
            achievements.noneBefore(KafkaProbe.hasKey(id).and(r -> r.value().contains("\"sentinel\"")),
                    KafkaProbe.hasKey(id));
        }
    }

    @Test
    void theDemoManagerIsPlacedAtSeniorLevelOnceTheCatalogIsKnown() {
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "select count(*) from placement where employee_id = '" + MARK + "' and level_id = 'senior'") == 1);

        JsonNode placements = org.get("/api/profiles/" + MARK + "/placements", "mark").json();

        assertThat(placements.path("total").asLong()).isEqualTo(1);
        assertThat(placements.path("items").path(0).path("reason").asString()).contains("Eight years");
        String payload = jdbc.sql("select payload from outbox_event where event_key = :key and event_type = :type")
                .param("key", MARK).param("type", EventType.LEVEL_PLACED.id()).query(String.class).single();
        assertThat(EventSchemas.violations(EventType.LEVEL_PLACED, payload)).isEmpty();
    }
}
