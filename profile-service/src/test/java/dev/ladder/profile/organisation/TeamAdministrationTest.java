package dev.ladder.profile.organisation;

import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.Api;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TeamAdministrationTest extends OrganisationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anAdminCreatesATeamWithAnETagAndItIsAudited() {
        String managerId = signedIn(OrgApi.newAccount("red-lead", true)).path("id").asString();
        String id = unique("red-team");

        Api.Response created = org.post("/api/profiles/admin/teams", "ada",
                "{\"id\":\"" + id + "\",\"name\":\"Red Team\",\"managerId\":\"" + managerId + "\"}");

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.header("ETag")).contains("\"0\"");
        assertThat(created.header("Location")).contains("/api/profiles/admin/teams/" + id);
        assertThat(created.json().path("managerId").asString()).isEqualTo(managerId);
        assertThat(created.json().path("active").asBoolean()).isTrue();
        assertThat(count("select count(*) from audit_entry where action = 'team.created' and team_id = '" + id
                + "' and actor_id = '" + ADA + "' and actor_username = 'ada'")).isEqualTo(1);
        Api.Response read = org.get("/api/profiles/admin/teams/" + id, "ada");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("name").asString()).isEqualTo("Red Team");
    }

    @Test
    void badTeamsAreRefusedPreciselyAndNothingIsStored() {
        String id = unique("blue");
        team(id, null, null);
        long audited = count("select count(*) from audit_entry");

        Api.Response malformed = org.post("/api/profiles/admin/teams", "ada", "{\"id\": ");
        assertThat(malformed.status()).isEqualTo(400);
        Api.Response invalid = org.post("/api/profiles/admin/teams", "ada", "{\"id\":\"Not A Slug\",\"name\":\" \"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorFields()).containsExactlyInAnyOrder("id", "name");
        Api.Response duplicate = org.post("/api/profiles/admin/teams", "ada",
                "{\"id\":\"" + id + "\",\"name\":\"Again\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        Api.Response unknownLeaders = org.post("/api/profiles/admin/teams", "ada",
                "{\"id\":\"" + unique("green") + "\",\"name\":\"Green\",\"managerId\":\"nobody\",\"deputyId\":\"no-one\"}");
        assertThat(unknownLeaders.status()).isEqualTo(422);
        assertThat(unknownLeaders.errorFields()).containsExactlyInAnyOrder("managerId", "deputyId");
        Api.Response notAdmin = org.post("/api/profiles/admin/teams", "mark",
                "{\"id\":\"" + unique("mine") + "\",\"name\":\"Mine\"}");
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(org.get("/api/profiles/admin/teams/" + unique("nope"), "ada").status()).isEqualTo(404);

        assertThat(count("select count(*) from audit_entry")).isEqualTo(audited);
        assertThat(count("select count(*) from team where id like 'green-%' or id like 'mine-%'")).isZero();
    }

    @Test
    void renamingAndLeadersNeedTheCurrentETagAndAreAnnouncedToTheMembers() {
        OrgApi.Account lead = OrgApi.newAccount("lead", true);
        String leadId = signedIn(lead).path("id").asString();
        String managerId = signedIn(OrgApi.newAccount("purple-lead", true)).path("id").asString();
        String id = unique("purple");
        team(id, managerId, null);
        String member = provision(unique("pm"), null, id).path("id").asString();
        String body = "{\"name\":\"Purple Renamed\",\"managerId\":\"" + managerId + "\",\"deputyId\":\"" + leadId + "\"}";

        Api.Response missing = org.send("PUT", "/api/profiles/admin/teams/" + id, "ada", body);
        assertThat(missing.status()).isEqualTo(428);
        Api.Response stale = org.send("PUT", "/api/profiles/admin/teams/" + id, "ada", body, "If-Match", "\"7\"");
        assertThat(stale.status()).isEqualTo(412);
        Api.Response unknown = org.send("PUT", "/api/profiles/admin/teams/" + unique("gone"), "ada", body,
                "If-Match", "\"0\"");
        assertThat(unknown.status()).isEqualTo(404);
        Api.Response invalid = org.send("PUT", "/api/profiles/admin/teams/" + id, "ada", "{\"name\":\"\"}",
                "If-Match", "\"0\"");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(count("select count(*) from audit_entry where team_id = '" + id + "' and action = 'team.updated'"))
                .isZero();

        try (KafkaProbe employees = LadderInfra.probe(Topics.EMPLOYEES)) {
            Api.Response renamed = org.send("PUT", "/api/profiles/admin/teams/" + id, "ada", body,
                    "If-Match", etag("/api/profiles/admin/teams/" + id));

            assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
            assertThat(renamed.header("ETag")).contains("\"1\"");
            ConsumerRecord<String, String> event = employees.await(KafkaProbe.hasKey(member)
                    .and(r -> JSON.readTree(r.value()).path("deputyManagerId").asString("").equals(leadId)));
            assertThat(EventSchemas.violations(EventType.EMPLOYEE_UPDATED, event.value())).isEmpty();
            assertThat(JSON.readTree(event.value()).path("teamName").asString()).isEqualTo("Purple Renamed");
        }
        JsonNode audit = org.get("/api/profiles/admin/audit?teamId=" + id, "ada").json();
        JsonNode updated = audit.path("items").path(0);
        assertThat(updated.path("action").asString()).isEqualTo("team.updated");
        assertThat(updated.at("/before/name").asString()).isEqualTo("Team " + id);
        assertThat(updated.at("/after/name").asString()).isEqualTo("Purple Renamed");
        // the deputy now sees the team as theirs
        assertThat(org.get("/api/profiles/teams/mine", lead.username()).json().at("/items/0/id").asString())
                .isEqualTo(id);
    }

    @Test
    void aTeamWithMembersCannotBeRetiredUntilTheyAreMovedAndThenTakesNoNewMembers() {
        String id = unique("orange");
        String elsewhere = unique("lime");
        team(id, null, null);
        team(elsewhere, null, null);
        JsonNode member = provision(unique("om"), null, id);
        String memberId = member.path("id").asString();

        Api.Response refused = org.send("POST", "/api/profiles/admin/teams/" + id + "/retire", "ada", null,
                "If-Match", etag("/api/profiles/admin/teams/" + id));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("1 active member");

        Api.Response moved = org.send("PUT", "/api/profiles/admin/people/" + memberId, "ada", """
                {"displayName":"Moved","teamId":"%s","trackId":"ai-ml-security-specialist"}
                """.formatted(elsewhere), "If-Match", etag("/api/profiles/people/" + memberId));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        Api.Response retired = org.send("POST", "/api/profiles/admin/teams/" + id + "/retire", "ada", null,
                "If-Match", etag("/api/profiles/admin/teams/" + id));
        assertThat(retired.status()).as(retired.raw()).isEqualTo(200);
        assertThat(retired.json().path("active").asBoolean()).isFalse();
        assertThat(count("select count(*) from audit_entry where action = 'team.retired' and team_id = '" + id + "'"))
                .isEqualTo(1);

        Api.Response joinRetired = org.send("PUT", "/api/profiles/admin/people/" + memberId, "ada", """
                {"displayName":"Moved","teamId":"%s","trackId":"ai-ml-security-specialist"}
                """.formatted(id), "If-Match", etag("/api/profiles/people/" + memberId));
        assertThat(joinRetired.status()).isEqualTo(422);
        assertThat(joinRetired.errorFields()).containsExactly("teamId");
        Api.Response again = org.send("POST", "/api/profiles/admin/teams/" + id + "/retire", "ada", null,
                "If-Match", etag("/api/profiles/admin/teams/" + id));
        assertThat(again.status()).isEqualTo(409);
        // listed only with includeRetired
        assertThat(org.get("/api/profiles/admin/teams?size=200", "ada").json().path("items").values())
                .extracting(t -> t.path("id").asString()).doesNotContain(id);
        assertThat(org.get("/api/profiles/admin/teams?size=200&includeRetired=true", "ada").json().path("items")
                .values()).extracting(t -> t.path("id").asString()).contains(id);
    }
}
