package dev.ladder.profile.evidence;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.Api;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Withdrawing a claim or a period takes an optional reason (≤ 500 characters), kept in the audit entry. */
class WithdrawalReasonTest extends EvidenceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLAIMS = "/api/profiles/me/certifications/";
    private static final String PERIODS = "/api/profiles/me/experience/";

    @Test
    void aClaimWithdrawnWithAReasonShowsItAnnouncesItAndAuditsIt() {
        String id = claim();
        String reason = "recorded by mistake – wrong credential " + UUID.randomUUID();
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response withdrawn = evidence.delete(CLAIMS + id + "?reason="
                    + URLEncoder.encode(reason, StandardCharsets.UTF_8), "alice");
            assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(200);
            assertThat(withdrawn.json().path("state").asString()).isEqualTo("WITHDRAWN");
            assertThat(withdrawn.json().path("reason").asString()).isEqualTo(reason);
            ConsumerRecord<String, String> event = EvidenceApi.published(achievements,
                    EventType.CERTIFICATION_WITHDRAWN, ALICE, "\"achievementId\":\"" + id + "\"");
            assertThat(JSON.readTree(event.value()).path("reason").asString()).isEqualTo(reason);
        }
        JsonNode entry = auditEntry("certification.withdrawn", id);
        assertThat(entry.path("reason").asString()).isEqualTo(reason);
        assertThat(entry.path("actorId").asString()).isEqualTo(ALICE);
        assertThat(entry.path("before").path("state").asString()).isEqualTo("PENDING");
        assertThat(entry.path("after").path("state").asString()).isEqualTo("WITHDRAWN");
    }

    @Test
    void theReasonMayComeAsAJsonBodyAndIsOptional() {
        String withBody = claim();
        Api.Response withdrawn = evidence.delete(CLAIMS + withBody, "alice", "{\"reason\":\"  duplicate  \"}");
        assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(200);
        assertThat(withdrawn.json().path("reason").asString()).isEqualTo("duplicate");
        assertThat(auditEntry("certification.withdrawn", withBody).path("reason").asString()).isEqualTo("duplicate");

        String without = claim();
        assertThat(evidence.delete(CLAIMS + without, "alice").status()).isEqualTo(200);
        JsonNode none = auditEntry("certification.withdrawn", without).path("reason");
        assertThat(none.isNull() || none.isMissingNode()).as(none.toString()).isTrue();

        String exactly500 = claim();
        assertThat(evidence.delete(CLAIMS + exactly500, "alice", "{\"reason\":\"" + "r".repeat(500) + "\"}")
                .status()).isEqualTo(200);
    }

    @Test
    void aReasonTooLongOrGivenTwiceDifferentlyIsRefusedAndNothingChanges() {
        String id = claim();
        String tooLong = "x".repeat(501);
        assertThat(refused(400, () -> evidence.delete(CLAIMS + id + "?reason=" + tooLong, "alice")).errorFields())
                .containsExactly("reason");
        assertThat(refused(400, () -> evidence.delete(CLAIMS + id, "alice", "{\"reason\":\"" + tooLong + "\"}"))
                .errorFields()).containsExactly("reason");
        assertThat(refused(400, () -> evidence.delete(CLAIMS + id + "?reason=one", "alice",
                "{\"reason\":\"another\"}")).errorFields()).containsExactly("reason");
        assertThat(api.get(CLAIMS + id, "alice").json().path("state").asString()).isEqualTo("PENDING");

        String period = period();
        assertThat(refused(400, () -> evidence.delete(PERIODS + period + "?reason=" + tooLong, "alice"))
                .errorFields()).containsExactly("reason");
        assertThat(api.get(PERIODS + period, "alice").status()).isEqualTo(200);
    }

    @Test
    void aPeriodWithdrawnWithAReasonKeepsItInTheAuditEntryAsItsEventHasNoFieldForIt() {
        String id = period();
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response withdrawn = evidence.delete(PERIODS + id, "alice", "{\"reason\":\"that was an internship\"}");
            assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(204);
            ConsumerRecord<String, String> event = EvidenceApi.published(achievements,
                    EventType.EXPERIENCE_WITHDRAWN, ALICE, "\"experienceId\":\"" + id + "\"");
            assertThat(event.value()).doesNotContain("internship");
        }
        JsonNode entry = auditEntry("experience.withdrawn", id);
        assertThat(entry.path("reason").asString()).isEqualTo("that was an internship");
        assertThat(entry.path("after").path("state").asString()).isEqualTo("WITHDRAWN");
    }

    /** The newest of the caller's own audit entries (GET /me/audit) with that action about that id. */
    private JsonNode auditEntry(String action, String id) {
        Api.Response audit = api.get("/api/profiles/me/audit?size=200", "alice");
        assertThat(audit.status()).as(audit.raw()).isEqualTo(200);
        return audit.json().path("items").values().stream()
                .filter(e -> e.path("action").asString().equals(action)
                        && e.path("before").path("id").asString().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + " of " + id + " in " + audit.raw()));
    }

    private String claim() {
        Api.Response response = api.post("/api/profiles/me/certifications", "alice", """
                {"certificationId":"cissp","credentialId":"W-%s","issuedOn":"2024-11-01"}""".formatted(UUID.randomUUID()));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private String period() {
        Api.Response response = api.post("/api/profiles/me/experience", "alice", """
                {"startedOn":"2015-01-01","endedOn":"2016-01-01","description":"Internship"}""");
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.json().path("id").asString();
    }
}
