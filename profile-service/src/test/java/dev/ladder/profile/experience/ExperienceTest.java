package dev.ladder.profile.experience;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.Api;
import dev.ladder.profile.evidence.EvidenceApi;
import dev.ladder.profile.evidence.EvidenceTest;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ExperienceTest extends EvidenceTest {

    private static final String PATH = "/api/profiles/me/experience";

    @Test
    void addCorrectAndWithdrawAPeriodEachAnnouncedWithTheSameExperienceId() {
        String description = "Analyst " + UUID.randomUUID();
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response added = api.post(PATH, "alice", """
                    {"startedOn":"2019-01-01","endedOn":"2021-06-30","description":"%s"}""".formatted(description));
            assertThat(added.status()).as(added.raw()).isEqualTo(201);
            String id = added.json().path("id").asString();
            String etag = added.header("ETag").orElseThrow();
            ConsumerRecord<String, String> recorded = EvidenceApi.published(achievements,
                    EventType.EXPERIENCE_RECORDED, ALICE, "\"experienceId\":\"" + id + "\"");
            assertThat(recorded.value()).contains("\"startedOn\":\"2019-01-01\"", "\"endedOn\":\"2021-06-30\"");
            assertThat(api.get(PATH, "alice").json().path("items").values())
                    .anyMatch(p -> p.path("id").asString().equals(id));

            Api.Response corrected = evidence.put(PATH + "/" + id, "alice", etag, """
                    {"startedOn":"2018-01-01","description":"%s corrected"}""".formatted(description));
            assertThat(corrected.status()).as(corrected.raw()).isEqualTo(200);
            assertThat(corrected.header("ETag")).isPresent().get().isNotEqualTo(etag);
            ConsumerRecord<String, String> correction = EvidenceApi.published(achievements,
                    EventType.EXPERIENCE_RECORDED, ALICE, "corrected");
            assertThat(correction.value()).contains("\"experienceId\":\"" + id + "\"", "\"startedOn\":\"2018-01-01\"");
            assertThat(KafkaProbe.header(correction, CloudEventHeaders.ID))
                    .isNotEqualTo(KafkaProbe.header(recorded, CloudEventHeaders.ID));

            // the old ETag is stale now; a missing one is required
            refused(412, () -> evidence.put(PATH + "/" + id, "alice", etag, """
                    {"startedOn":"2017-01-01","description":"stale"}"""));
            refused(428, () -> evidence.put(PATH + "/" + id, "alice", null, """
                    {"startedOn":"2017-01-01","description":"no if-match"}"""));
            // someone else's period is unknown to them
            refused(404, () -> evidence.delete(PATH + "/" + id, "bob"));

            assertThat(evidence.delete(PATH + "/" + id, "alice").status()).isEqualTo(204);
            EvidenceApi.published(achievements, EventType.EXPERIENCE_WITHDRAWN, ALICE,
                    "\"experienceId\":\"" + id + "\"");
            assertThat(api.get(PATH, "alice").json().path("items").values())
                    .noneMatch(p -> p.path("id").asString().equals(id));
            refused(404, () -> evidence.delete(PATH + "/" + id, "alice"));
        }
    }

    @Test
    void badPeriodsAreRefusedListingEveryField() {
        LocalDate tomorrow = LocalDate.now().plusDays(2);
        assertThat(refused(400, () -> api.post(PATH, "alice", """
                {"startedOn":"2020-01-01","endedOn":"2019-01-01","description":"backwards"}""")).errorFields())
                .containsExactly("endedOn");
        assertThat(refused(400, () -> api.post(PATH, "alice", """
                {"startedOn":"%s","endedOn":"%s","description":"%s"}"""
                .formatted(tomorrow, tomorrow, "d".repeat(501)))).errorFields())
                .containsExactlyInAnyOrder("startedOn", "endedOn", "description");
        assertThat(refused(400, () -> api.post(PATH, "alice", "{}")).errorFields())
                .containsExactlyInAnyOrder("startedOn", "description");
    }
}
