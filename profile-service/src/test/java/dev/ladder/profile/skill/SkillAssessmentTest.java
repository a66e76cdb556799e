package dev.ladder.profile.skill;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.profile.Api;
import dev.ladder.profile.evidence.EvidenceApi;
import dev.ladder.profile.evidence.EvidenceTest;
import dev.ladder.profile.organisation.OrgApi;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SkillAssessmentTest extends EvidenceTest {

    private static final String SKILL = SeedTrack.midSkillIds().get(0);

    @Test
    void anEmployeeSelfAssessesAndSeesCurrentProficiencyHistoryRequirementsAndScale() {
        String note = "note " + UUID.randomUUID();
        Api.Response response;
        ConsumerRecord<String, String> event;
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            response = api.post("/api/profiles/me/skills", "alice", """
                    {"skillId":"%s","proficiency":2,"note":"%s"}""".formatted(SKILL, note));
            assertThat(response.status()).as(response.raw()).isEqualTo(201);
            String id = response.json().path("id").asString();
            event = EvidenceApi.published(achievements, EventType.SKILL_ASSESSED, ALICE,
                    "\"assessmentId\":\"" + id + "\"");
        }
        assertThat(event.value()).contains("\"source\":\"SELF\"", "\"proficiency\":2", "\"assessedBy\":\"" + ALICE,
                "\"assessedOn\":\"" + LocalDate.now(ZoneOffset.UTC), "\"skillId\":\"" + SKILL);

        JsonNode skills = api.get("/api/profiles/me/skills?size=200", "alice").json();
        assertThat(skills.path("scale").values()).hasSize(5);
        assertThat(skills.path("scale").get(2).path("name").asString()).isEqualTo("Practitioner");
        assertThat(skills.path("selfAssessedSkillsCount").asBoolean()).isTrue();
        assertThat(skills.path("skills").path("total").asLong()).isEqualTo(SeedTrack.version(1).skills().size());
        JsonNode skill = skills.path("skills").path("items").values().stream()
                .filter(s -> s.path("skillId").asString().equals(SKILL)).findFirst().orElseThrow();
        assertThat(skill.path("proficiency").asInt()).isEqualTo(2);
        assertThat(skill.path("source").asString()).isEqualTo("SELF");
        assertThat(skill.path("state").asString()).isEqualTo("PENDING");
        assertThat(skill.path("history").get(0).path("note").asString()).isEqualTo(note);
        assertThat(skill.path("requirements").values()).anySatisfy(r -> {
            assertThat(r.path("levelId").asString()).isEqualTo("mid");
            assertThat(r.path("groupId").asString()).isEqualTo("mid-skills");
            assertThat(r.path("minProficiency").asInt()).isEqualTo(3);
        });
    }

    @Test
    void aManagerAssessesAReportAndTheHistoryShowsWhoNewestFirst() {
        assertThat(api.post("/api/profiles/me/skills", "bob", """
                {"skillId":"%s","proficiency":2}""".formatted(SKILL)).status()).isEqualTo(201);
        Api.Response response;
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            response = api.post("/api/profiles/" + BOB + "/skills", "mark", """
                    {"skillId":"%s","proficiency":4}""".formatted(SKILL));
            assertThat(response.status()).as(response.raw()).isEqualTo(201);
            ConsumerRecord<String, String> event = EvidenceApi.published(achievements, EventType.SKILL_ASSESSED,
                    BOB, "\"assessmentId\":\"" + response.json().path("id").asString() + "\"");
            assertThat(event.value()).contains("\"source\":\"MANAGER\"", "\"assessedBy\":\"" + MARK + "\"",
                    "\"proficiency\":4");
        }
        JsonNode skill = api.get("/api/profiles/me/skills?size=200", "bob").json().path("skills").path("items")
                .values().stream().filter(s -> s.path("skillId").asString().equals(SKILL)).findFirst().orElseThrow();
        assertThat(skill.path("proficiency").asInt()).isEqualTo(4);
        assertThat(skill.path("history").get(0).path("source").asString()).isEqualTo("MANAGER");
        assertThat(skill.path("history").get(0).path("assessedBy").asString()).isEqualTo(MARK);
        assertThat(skill.path("history").get(1).path("source").asString()).isEqualTo("SELF");
        assertThat(skill.path("history").get(1).path("state").asString()).isEqualTo("SUPERSEDED");
        // the manager reads it too; a colleague does not (404, as for an unknown employee)
        assertThat(api.get("/api/profiles/" + BOB + "/skills", "mark").status()).isEqualTo(200);
        assertThat(api.get("/api/profiles/" + BOB + "/skills", "alice").status()).isEqualTo(404);
    }

    @Test
    void aSkillOutsideTheTrackIsUnprocessableAndChangesNothing() {
        Api.Response response = refused(422, () -> api.post("/api/profiles/me/skills", "alice", """
                {"skillId":"no-such-skill","proficiency":3}"""));
        assertThat(response.errorFields()).containsExactly("skillId");
    }

    @Test
    void aProficiencyOutsideOneToFiveIsABadRequestListingEveryField() {
        assertThat(refused(400, () -> api.post("/api/profiles/me/skills", "alice", """
                {"skillId":"%s","proficiency":6}""".formatted(SKILL))).errorFields()).containsExactly("proficiency");
        assertThat(refused(400, () -> api.post("/api/profiles/me/skills", "alice", """
                {"proficiency":0,"note":"%s"}""".formatted("n".repeat(1001)))).errorFields())
                .containsExactlyInAnyOrder("skillId", "proficiency", "note");
    }

    @Test
    void onlyTheManagerOrAnAdminAssessesSomeoneElse() {
        String body = """
                {"skillId":"%s","proficiency":3}""".formatted(SKILL);
        refused(404, () -> api.post("/api/profiles/" + ALICE + "/skills", "bob", body));
        refused(404, () -> api.post("/api/profiles/" + UUID.randomUUID() + "/skills", "mark", body));
        refused(403, () -> api.post("/api/profiles/" + ALICE + "/skills", "alice", body));
        assertThat(api.post("/api/profiles/" + ALICE + "/skills", "ada", body).status()).isEqualTo(201);
    }

    @Test
    void pagesAreBounded() {
        refused(400, () -> api.get("/api/profiles/me/skills?size=201", "alice"));
        JsonNode page = api.get("/api/profiles/me/skills?page=1&size=5", "alice").json().path("skills");
        assertThat(page.path("items").values()).hasSize(5);
        assertThat(page.path("page").asInt()).isEqualTo(1);
    }

    @Test
    void theSkillsListShowsTheNewestAssessmentsAndTheHistoryEndpointPagesThroughAll() {
        OrgApi.Account account = OrgApi.newAccount("hist", true);
        String user = account.username();
        for (int i = 1; i <= SkillView.HISTORY_SHOWN + 1; i++) {
            Api.Response assessed = api.post("/api/profiles/me/skills", user, """
                    {"skillId":"%s","proficiency":%d,"note":"round %d"}""".formatted(SKILL, 1 + i % 5, i));
            assertThat(assessed.status()).as(assessed.raw()).isEqualTo(201);
        }
        int all = SkillView.HISTORY_SHOWN + 1;

        JsonNode skill = api.get("/api/profiles/me/skills?size=200", user).json().path("skills").path("items")
                .values().stream().filter(s -> s.path("skillId").asString().equals(SKILL)).findFirst().orElseThrow();
        assertThat(skill.path("history").size()).isEqualTo(SkillView.HISTORY_SHOWN);
        assertThat(skill.path("historyTotal").asLong()).isEqualTo(all);
        assertThat(skill.path("history").get(0).path("note").asString()).isEqualTo("round " + all);

        JsonNode last = api.get("/api/profiles/me/skills/" + SKILL + "/history?size=5&page=4", user).json();
        assertThat(last.path("total").asLong()).isEqualTo(all);
        assertThat(last.path("items").size()).isEqualTo(1);
        assertThat(last.path("items").get(0).path("note").asString()).isEqualTo("round 1");
        String id = api.get("/api/profiles/me", user).json().path("id").asString();
        Api.Response byAdmin = api.get("/api/profiles/" + id + "/skills/" + SKILL + "/history?size=1", "ada");
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().path("items").get(0).path("note").asString()).isEqualTo("round " + all);
        assertThat(api.get("/api/profiles/" + id + "/skills/" + SKILL + "/history", "alice").status())
                .isEqualTo(404);
    }
}
