package dev.ladder.profile.verification;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.profile.Api;
import dev.ladder.profile.evidence.EvidenceApi;
import dev.ladder.profile.evidence.EvidenceTest;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class VerificationTest extends EvidenceTest {

    private static final String DECIDE = "/api/profiles/verification/certifications/";

    private String claim(String user) {
        Api.Response response = api.post("/api/profiles/me/certifications", user, """
                {"certificationId":"cissp","credentialId":"V-%s","issuedOn":"2024-11-01"}""".formatted(UUID.randomUUID()));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private List<JsonNode> queue(String user) {
        Api.Response response = api.get("/api/profiles/verification/queue?size=200", user);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json().path("items").values().stream().toList();
    }

    @Test
    void theManagerSeesReportsPendingClaimsAndVerifiesOne() {
        String id = claim("alice");
        assertThat(queue("mark")).anySatisfy(item -> {
            assertThat(item.path("id").asString()).isEqualTo(id);
            assertThat(item.path("kind").asString()).isEqualTo("CERTIFICATION");
            assertThat(item.path("employeeId").asString()).isEqualTo(ALICE);
            assertThat(item.path("certification").path("certificationId").asString()).isEqualTo("cissp");
            assertThat(item.has("countsBeforeVerification")).isTrue();
        });
        assertThat(queue("ada")).anyMatch(item -> item.path("id").asString().equals(id));
        assertThat(queue("bob")).noneMatch(item -> item.path("id").asString().equals(id));

        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response verified = api.post(DECIDE + id + "/verify", "mark", "");
            assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
            ConsumerRecord<String, String> event = EvidenceApi.published(achievements,
                    EventType.CERTIFICATION_VERIFIED, ALICE, "\"achievementId\":\"" + id);
            assertThat(event.value()).contains("\"verifiedBy\":\"" + MARK + "\"");
        }
        assertThat(queue("mark")).noneMatch(item -> item.path("id").asString().equals(id));
        refused(409, () -> api.post(DECIDE + id + "/verify", "mark", ""));
        refused(409, () -> api.post(DECIDE + id + "/reject", "ada", "{\"reason\":\"too late\"}"));
    }

    /** Pending certification claims of alice's team and track, as the admins' overview counts them. */
    private long unverifiedOfAlicesTeam() {
        JsonNode alice = api.get("/api/profiles/me", "alice").json();
        Api.Response counts = api.get("/api/profiles/verification/unverified-counts?size=200", "ada");
        assertThat(counts.status()).as(counts.raw()).isEqualTo(200);
        long found = 0;
        for (JsonNode row : counts.json().path("items")) {
            if (row.path("teamId").equals(alice.path("teamId")) && row.path("trackId").equals(alice.path("trackId"))) {
                found += row.path("certifications").asLong();
            }
        }
        return found;
    }

    @Test
    void adminsSeeUnverifiedClaimsCountedPerTeamAndTrack() {
        long before = unverifiedOfAlicesTeam();
        String id = claim("alice");
        assertThat(unverifiedOfAlicesTeam()).isEqualTo(before + 1);
        assertThat(api.post(DECIDE + id + "/verify", "mark", "").status()).isEqualTo(200);
        assertThat(unverifiedOfAlicesTeam()).isEqualTo(before);

        assertThat(api.get("/api/profiles/verification/unverified-counts", "mark").status()).isEqualTo(403);
        assertThat(api.get("/api/profiles/verification/unverified-counts", "alice").status()).isEqualTo(403);
    }

    @Test
    void aRejectionNeedsAReasonWhichTheEmployeeSees() {
        String id = claim("bob");
        assertThat(refused(400, () -> api.post(DECIDE + id + "/reject", "mark", "{}")).errorFields())
                .containsExactly("reason");
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response rejected = api.post(DECIDE + id + "/reject", "mark",
                    "{\"reason\":\"credential unknown to ISC2\"}");
            assertThat(rejected.status()).as(rejected.raw()).isEqualTo(200);
            ConsumerRecord<String, String> event = EvidenceApi.published(achievements,
                    EventType.CERTIFICATION_REJECTED, BOB, "\"achievementId\":\"" + id);
            assertThat(event.value()).contains("\"rejectedBy\":\"" + MARK + "\"",
                    "\"reason\":\"credential unknown to ISC2\"");
        }
        JsonNode mine = api.get("/api/profiles/me/certifications/" + id, "bob").json();
        assertThat(mine.path("state").asString()).isEqualTo("REJECTED");
        assertThat(mine.path("reason").asString()).isEqualTo("credential unknown to ISC2");
    }

    @Test
    void nobodyDecidesTheirOwnClaimAndStrangersSeeNoClaimAtAll() {
        String marks = claim("mark");
        refused(403, () -> api.post(DECIDE + marks + "/verify", "mark", ""));
        String adas = claim("ada");
        refused(403, () -> api.post(DECIDE + adas + "/verify", "ada", ""));
        String alices = claim("alice");
        refused(404, () -> api.post(DECIDE + alices + "/verify", "bob", ""));
        refused(404, () -> api.post(DECIDE + UUID.randomUUID() + "/verify", "mark", ""));
        // an admin decides anyone's claim but their own
        assertThat(api.post(DECIDE + marks + "/verify", "ada", "").status()).isEqualTo(200);
    }

    @Test
    void confirmingASelfAssessedSkillIsAManagersAssessment() {
        String skill = SeedTrack.midSkillIds().get(1);
        Api.Response self = api.post("/api/profiles/me/skills", "alice", """
                {"skillId":"%s","proficiency":3,"note":"did the red-team exercise"}""".formatted(skill));
        assertThat(self.status()).as(self.raw()).isEqualTo(201);
        String id = self.json().path("id").asString();
        assertThat(queue("mark")).anySatisfy(item -> {
            assertThat(item.path("id").asString()).isEqualTo(id);
            assertThat(item.path("kind").asString()).isEqualTo("SKILL");
            assertThat(item.path("skill").path("proficiency").asInt()).isEqualTo(3);
            assertThat(item.path("skill").path("note").asString()).isEqualTo("did the red-team exercise");
        });

        String path = "/api/profiles/verification/skills/" + id + "/verify";
        assertThat(refused(400, () -> api.post(path, "mark", "{\"proficiency\":9}")).errorFields())
                .containsExactly("proficiency");
        refused(403, () -> api.post(path, "alice", "{}"));
        refused(404, () -> api.post(path, "bob", "{}"));
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response confirmed = api.post(path, "mark", "{\"proficiency\":2}");
            assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
            ConsumerRecord<String, String> event = EvidenceApi.published(achievements, EventType.SKILL_ASSESSED,
                    ALICE, "\"assessmentId\":\"" + confirmed.json().path("id").asString());
            assertThat(event.value()).contains("\"source\":\"MANAGER\"", "\"proficiency\":2",
                    "\"assessedBy\":\"" + MARK + "\"", "\"skillId\":\"" + skill);
        }
        refused(409, () -> api.post(path, "ada", "{}"));
        assertThat(queue("mark")).noneMatch(item -> item.path("id").asString().equals(id));
    }
}
