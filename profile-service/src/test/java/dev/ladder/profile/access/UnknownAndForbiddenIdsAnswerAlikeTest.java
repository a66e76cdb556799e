package dev.ladder.profile.access;

import dev.ladder.fixtures.SeedTrack;
import dev.ladder.profile.Api;
import dev.ladder.profile.evidence.EvidenceTest;
import dev.ladder.profile.organisation.OrgApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Unknown ids and forbidden ids answer alike": for every endpoint with an id in its path, a caller who may not see
 * the target gets exactly what an id nobody has gets — 404, the same problem body (all but {@code instance}, which
 * is the path) — and nothing changes. A caller who may see the target but may not do what they ask keeps a 403.
 * <p>
 * The demo org: Alice and Bob are colleagues in Mark's team (neither sees the other), Ada is an admin in no team
 * (so Mark does not see her).
 */
class UnknownAndForbiddenIdsAnswerAlikeTest extends EvidenceTest {

    private static final String P = "/api/profiles";
    private static final String SKILL = SeedTrack.midSkillIds().get(0);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H'};

    private OrgApi org;
    private String aliceClaim;
    private String bobClaim;
    private String adaClaim;
    private String aliceSelfAssessment;
    private String aliceExperience;

    @BeforeEach
    void aliceBobAndAdaHaveRecords() {
        org = new OrgApi(port);
        aliceClaim = claim("alice");
        bobClaim = claim("bob");
        adaClaim = claim("ada");
        assertThat(evidence.upload(P + "/me/certifications/" + aliceClaim + "/evidence", "alice", "proof.png",
                "image/png", PNG).status()).isEqualTo(200);
        Api.Response self = api.post(P + "/me/skills", "alice", """
                {"skillId":"%s","proficiency":3}""".formatted(SKILL));
        assertThat(self.status()).as(self.raw()).isEqualTo(201);
        aliceSelfAssessment = self.json().path("id").asString();
        Api.Response period = api.post(P + "/me/experience", "alice", """
                {"startedOn":"2018-01-01","endedOn":"2019-01-01","description":"Analyst"}""");
        assertThat(period.status()).as(period.raw()).isEqualTo(201);
        aliceExperience = period.json().path("id").asString();
    }

    @Test
    void aPersonTheCallerMayNotSeeIsNobody() {
        String nobody = UUID.randomUUID().toString();
        String person = ALICE;
        String unknown = nobody;
        alike("GET /people/{id}", () -> api.get(P + "/people/" + person, "bob"),
                () -> api.get(P + "/people/" + unknown, "bob"));
        alike("GET /{id}/placements", () -> api.get(P + "/" + person + "/placements", "bob"),
                () -> api.get(P + "/" + unknown + "/placements", "bob"));
        alike("GET /{id}/certifications", () -> api.get(P + "/" + person + "/certifications", "bob"),
                () -> api.get(P + "/" + unknown + "/certifications", "bob"));
        alike("GET /{id}/skills", () -> api.get(P + "/" + person + "/skills", "bob"),
                () -> api.get(P + "/" + unknown + "/skills", "bob"));
        alike("GET /{id}/skills/{skillId}/history",
                () -> api.get(P + "/" + person + "/skills/" + SKILL + "/history", "bob"),
                () -> api.get(P + "/" + unknown + "/skills/" + SKILL + "/history", "bob"));
        String assessment = "{\"skillId\":\"" + SKILL + "\",\"proficiency\":4}";
        alike("POST /{id}/skills", () -> api.post(P + "/" + person + "/skills", "bob", assessment),
                () -> api.post(P + "/" + unknown + "/skills", "bob", assessment));
        String move = "{\"trackId\":\"" + SeedTrack.TRACK + "\"}";
        alike("PUT /people/{id}/track",
                () -> org.send("PUT", P + "/people/" + person + "/track", "bob", move, "If-Match", "\"1\""),
                () -> org.send("PUT", P + "/people/" + unknown + "/track", "bob", move, "If-Match", "\"1\""));
        alike("GET /{employeeId}/certifications/{id}/evidence",
                () -> api.get(P + "/" + person + "/certifications/" + aliceClaim + "/evidence", "bob"),
                () -> api.get(P + "/" + unknown + "/certifications/" + UUID.randomUUID() + "/evidence", "bob"));
        // a manager does not see someone outside the teams they lead (Ada leads and is in none)
        alike("GET /people/{id} (manager)", () -> api.get(P + "/people/" + ADA, "mark"),
                () -> api.get(P + "/people/" + nobody, "mark"));
        alike("GET /{id}/certifications (manager)", () -> api.get(P + "/" + ADA + "/certifications", "mark"),
                () -> api.get(P + "/" + nobody + "/certifications", "mark"));
        // a team's members are for who leads it: Alice is in Mark's team, she does not lead it
        alike("GET /teams/{id}", () -> api.get(P + "/teams/ai-security", "alice"),
                () -> api.get(P + "/teams/" + nobody, "alice"));

        // and those who may see them still do
        assertThat(api.get(P + "/teams/ai-security", "mark").status()).isEqualTo(200);
        assertThat(api.get(P + "/people/" + ALICE, "mark").status()).isEqualTo(200);
        assertThat(api.get(P + "/" + ALICE + "/skills/" + SKILL + "/history", "mark").status()).isEqualTo(200);
        assertThat(api.get(P + "/" + ALICE + "/certifications/" + aliceClaim + "/evidence", "ada").status())
                .isEqualTo(200);
    }

    @Test
    void aClaimOfSomeoneElseIsNoClaimEvenUnderAnEmployeeTheCallerMaySee() {
        String unknown = UUID.randomUUID().toString();
        // Mark sees Alice, but Bob's claim is not hers
        alike("GET /{employeeId}/certifications/{id}/evidence (claim of another)",
                () -> api.get(P + "/" + ALICE + "/certifications/" + bobClaim + "/evidence", "mark"),
                () -> api.get(P + "/" + ALICE + "/certifications/" + unknown + "/evidence", "mark"));
        // Bob's own employee id with Alice's claim
        alike("GET /{own id}/certifications/{id}/evidence",
                () -> api.get(P + "/" + BOB + "/certifications/" + aliceClaim + "/evidence", "bob"),
                () -> api.get(P + "/" + BOB + "/certifications/" + unknown + "/evidence", "bob"));
    }

    @Test
    void theMePathsKnowOnlyTheCallersOwnIds() {
        String unknown = UUID.randomUUID().toString();
        String mine = P + "/me/certifications/";
        alike("GET /me/certifications/{id}", () -> api.get(mine + aliceClaim, "bob"),
                () -> api.get(mine + unknown, "bob"));
        String edit = "{\"credentialId\":\"STOLEN\",\"issuedOn\":\"2024-01-01\"}";
        alike("PUT /me/certifications/{id}", () -> evidence.put(mine + aliceClaim, "bob", "\"1\"", edit),
                () -> evidence.put(mine + unknown, "bob", "\"1\"", edit));
        alike("DELETE /me/certifications/{id}", () -> evidence.delete(mine + aliceClaim, "bob"),
                () -> evidence.delete(mine + unknown, "bob"));
        alike("DELETE /me/certifications/{id} with a reason",
                () -> evidence.delete(mine + aliceClaim + "?reason=mine", "bob"),
                () -> evidence.delete(mine + unknown + "?reason=mine", "bob"));
        String url = "{\"verificationUrl\":\"https://example.org/badge\"}";
        alike("PUT /me/certifications/{id}/evidence (URL)",
                () -> evidence.put(mine + aliceClaim + "/evidence", "bob", null, url),
                () -> evidence.put(mine + unknown + "/evidence", "bob", null, url));
        alike("PUT /me/certifications/{id}/evidence (file)",
                () -> evidence.upload(mine + aliceClaim + "/evidence", "bob", "x.png", "image/png", PNG),
                () -> evidence.upload(mine + unknown + "/evidence", "bob", "x.png", "image/png", PNG));
        alike("GET /me/certifications/{id}/evidence", () -> api.get(mine + aliceClaim + "/evidence", "bob"),
                () -> api.get(mine + unknown + "/evidence", "bob"));

        String periods = P + "/me/experience/";
        alike("GET /me/experience/{id}", () -> api.get(periods + aliceExperience, "bob"),
                () -> api.get(periods + unknown, "bob"));
        String period = "{\"startedOn\":\"2010-01-01\",\"description\":\"mine now\"}";
        alike("PUT /me/experience/{id}", () -> evidence.put(periods + aliceExperience, "bob", "\"1\"", period),
                () -> evidence.put(periods + unknown, "bob", "\"1\"", period));
        alike("DELETE /me/experience/{id}", () -> evidence.delete(periods + aliceExperience, "bob"),
                () -> evidence.delete(periods + unknown, "bob"));

        assertThat(api.get(mine + aliceClaim, "alice").json().path("state").asString()).isEqualTo("PENDING");
        assertThat(api.get(periods + aliceExperience, "alice").status()).isEqualTo(200);
    }

    @Test
    void aClaimTheReviewerMayNotDecideIsNoClaim() {
        String unknown = UUID.randomUUID().toString();
        String decide = P + "/verification/certifications/";
        alike("POST …/certifications/{id}/verify (a colleague)", () -> api.post(decide + aliceClaim + "/verify", "bob", ""),
                () -> api.post(decide + unknown + "/verify", "bob", ""));
        alike("POST …/certifications/{id}/verify (not their team)",
                () -> api.post(decide + adaClaim + "/verify", "mark", ""),
                () -> api.post(decide + unknown + "/verify", "mark", ""));
        String reason = "{\"reason\":\"no\"}";
        alike("POST …/certifications/{id}/reject", () -> api.post(decide + aliceClaim + "/reject", "bob", reason),
                () -> api.post(decide + unknown + "/reject", "bob", reason));
        String skills = P + "/verification/skills/";
        alike("POST …/skills/{id}/verify", () -> api.post(skills + aliceSelfAssessment + "/verify", "bob", "{}"),
                () -> api.post(skills + unknown + "/verify", "bob", "{}"));
    }

    @Test
    void whoMaySeeTheTargetButNotDoWhatTheyAskKeepsA403() {
        refused(403, () -> api.post(P + "/verification/certifications/" + aliceClaim + "/verify", "alice", ""));
        refused(403, () -> api.post(P + "/verification/skills/" + aliceSelfAssessment + "/verify", "alice", "{}"));
        refused(403, () -> api.post(P + "/" + MARK + "/skills", "mark",
                "{\"skillId\":\"" + SKILL + "\",\"proficiency\":4}"));
        Api.Response ownTrack = org.send("PUT", P + "/people/" + ALICE + "/track", "alice",
                "{\"trackId\":\"" + SeedTrack.TRACK + "\"}", "If-Match", "\"1\"");
        assertThat(ownTrack.status()).as(ownTrack.raw()).isEqualTo(403);
    }

    @Test
    void everyIdListIsPagedWithAMaximumPageSize() {
        for (String path : new String[]{P + "/" + ALICE + "/placements", P + "/" + ALICE + "/certifications",
                P + "/" + ALICE + "/skills", P + "/" + ALICE + "/skills/" + SKILL + "/history",
                P + "/me/skills/" + SKILL + "/history", P + "/me/certifications", P + "/me/experience",
                P + "/verification/queue", P + "/admin/audit", P + "/me/audit"}) {
            assertThat(api.get(path + "?size=200", "ada").status()).as(path).isEqualTo(200);
            Api.Response tooBig = api.get(path + "?size=201", "ada");
            assertThat(tooBig.status()).as(path).isEqualTo(400);
            assertThat(tooBig.errorFields()).as(path).containsExactly("size");
        }
        JsonNode placements = api.get(P + "/" + MARK + "/placements?size=1", "mark").json();
        assertThat(placements.path("items").size()).isLessThanOrEqualTo(1);
        assertThat(placements.has("total")).isTrue();
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Both refused with 404 and nothing changed, with the same problem but for {@code instance}. */
    private void alike(String endpoint, Supplier<Api.Response> forbidden, Supplier<Api.Response> unknown) {
        Api.Response whenForbidden = refused(404, forbidden);
        Api.Response whenUnknown = refused(404, unknown);
        assertThat(withoutInstance(whenForbidden)).as(endpoint + ": " + whenForbidden.raw() + " vs "
                + whenUnknown.raw()).isEqualTo(withoutInstance(whenUnknown));
        assertThat(whenForbidden.json().path("detail").asString()).as(endpoint).doesNotContain(ALICE, BOB, ADA,
                aliceClaim, bobClaim, adaClaim, aliceExperience, aliceSelfAssessment);
    }

    private static JsonNode withoutInstance(Api.Response response) {
        ObjectNode problem = (ObjectNode) response.json();
        problem.remove("instance");
        return problem;
    }

    private String claim(String user) {
        Api.Response response = api.post(P + "/me/certifications", user, """
                {"certificationId":"cissp","credentialId":"ALIKE-%s","issuedOn":"2024-11-01"}"""
                .formatted(UUID.randomUUID()));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.json().path("id").asString();
    }
}
