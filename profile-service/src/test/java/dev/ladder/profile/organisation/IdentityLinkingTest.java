package dev.ladder.profile.organisation;

import dev.ladder.contracts.CloudEventHeaders;
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

/** The employee id is Ladder's, the Keycloak account is linked to it on first sign-in. */
class IdentityLinkingTest extends OrganisationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aProvisionedPersonIsLinkedByUsernameOnFirstSignInAndTheLinkIsAnnounced() {
        OrgApi.Account account = OrgApi.newAccount("carol", true);
        // HR typed the username in another case and an outdated e-mail: the username alone links
        JsonNode provisioned = provision(account.username().toUpperCase(), "old-" + account.email(), null);
        String id = provisioned.path("id").asString();
        assertThat(id).isNotEqualTo(account.id());
        assertThat(provisioned.path("subject").isNull()).isTrue();

        try (KafkaProbe employees = LadderInfra.probe(Topics.EMPLOYEES)) {
            JsonNode me = signedIn(account);

            assertThat(me.path("id").asString()).isEqualTo(id);
            assertThat(me.path("needsPlacement").asBoolean()).isFalse();
            assertThat(jdbc.sql("select subject from employee where id = :id").param("id", id)
                    .query(String.class).single()).isEqualTo(account.id());
            ConsumerRecord<String, String> linked = employees.await(KafkaProbe.hasKey(id)
                    .and(r -> account.id().equals(JSON.readTree(r.value()).path("subject").asString())));
            assertThat(KafkaProbe.header(linked, CloudEventHeaders.TYPE)).isEqualTo(EventType.EMPLOYEE_UPDATED.id());
            assertThat(EventSchemas.violations(EventType.EMPLOYEE_UPDATED, linked.value())).isEmpty();
            JsonNode event = JSON.readTree(linked.value());
            assertThat(event.path("employeeId").asString()).isEqualTo(id);
            assertThat(event.path("jobTitle").asString()).isEqualTo("Engineer");
            assertThat(event.path("active").asBoolean()).isTrue();
        }
        assertThat(auditEntries("employee.linked", id)).isEqualTo(1);

        // the second call finds them by subject: no second link, no second employee
        assertThat(signedIn(account).path("id").asString()).isEqualTo(id);
        assertThat(auditEntries("employee.linked", id)).isEqualTo(1);
        assertThat(count("select count(*) from employee where subject = '" + account.id() + "'")).isEqualTo(1);
    }

    @Test
    void aProvisionedPersonIsLinkedByVerifiedEmailWhenTheUsernameDiffers() {
        OrgApi.Account account = OrgApi.newAccount("dora", true);
        String id = provision(unique("hr-dora"), account.email().toUpperCase(), null).path("id").asString();

        JsonNode me = signedIn(account);

        assertThat(me.path("id").asString()).isEqualTo(id);
        assertThat(auditEntries("employee.linked", id)).isEqualTo(1);
    }

    @Test
    void anUnverifiedEmailLinksNobodyAndTheNewcomerIsFlaggedForPlacement() {
        OrgApi.Account account = OrgApi.newAccount("eve", false);
        String provisioned = provision(unique("hr-eve"), account.email(), null).path("id").asString();

        JsonNode me = signedIn(account);

        assertThat(me.path("id").asString()).isEqualTo(account.id()).isNotEqualTo(provisioned);
        assertThat(me.path("needsPlacement").asBoolean()).isTrue();
        assertThat(me.path("teamId").isNull()).isTrue();
        assertThat(count("select count(*) from employee where subject is null and id = '" + provisioned + "'"))
                .isEqualTo(1);
    }

    @Test
    void someoneNobodyProvisionedIsRegisteredUnplacedAndListedForAdmins() {
        OrgApi.Account account = OrgApi.newAccount("frank", true);

        JsonNode me = signedIn(account);

        assertThat(me.path("id").asString()).isEqualTo(account.id());
        assertThat(me.path("needsPlacement").asBoolean()).isTrue();
        assertThat(auditEntries("employee.registered", account.id())).isEqualTo(1);
        Api.Response unplaced = org.get("/api/profiles/admin/people?unplaced=true&q=" + account.username(), "ada");
        assertThat(unplaced.status()).isEqualTo(200);
        assertThat(unplaced.json().path("items").values()).extracting(p -> p.path("id").asString())
                .containsExactly(account.id());

        // an admin gives them a team: placed
        String team = unique("landing");
        team(team, null, null);
        String etag = etag("/api/profiles/people/" + account.id());
        Api.Response moved = org.send("PUT", "/api/profiles/admin/people/" + account.id(), "ada", """
                {"displayName":"Frank","email":"%s","teamId":"%s","trackId":"ai-ml-security-specialist"}
                """.formatted(account.email(), team), "If-Match", etag);
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.json().path("needsPlacement").asBoolean()).isFalse();
        assertThat(org.get("/api/profiles/admin/people?unplaced=true&q=" + account.username(), "ada").json()
                .path("total").asLong()).isZero();
    }

    @Test
    void aRetiredPersonWhoSignsInIsRefusedWithAClearProblem() {
        OrgApi.Account account = OrgApi.newAccount("gina", true);
        String id = provision(account.username(), null, null).path("id").asString();
        signedIn(account);

        try (KafkaProbe employees = LadderInfra.probe(Topics.EMPLOYEES)) {
            Api.Response retired = org.send("POST", "/api/profiles/admin/people/" + id + "/retire", "ada", null,
                    "If-Match", etag("/api/profiles/people/" + id));
            assertThat(retired.status()).as(retired.raw()).isEqualTo(200);
            assertThat(retired.json().path("active").asBoolean()).isFalse();

            ConsumerRecord<String, String> event = employees.await(KafkaProbe.hasKey(id)
                    .and(r -> JSON.readTree(r.value()).path("active").asBoolean(true) == false));
            assertThat(EventSchemas.violations(EventType.EMPLOYEE_UPDATED, event.value())).isEmpty();
            assertThat(JSON.readTree(event.value()).path("subject").asString()).isEqualTo(account.id());
        }

        Api.Response me = org.get("/api/profiles/me", account.username());
        assertThat(me.status()).isEqualTo(403);
        assertThat(me.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(me.json().path("detail").asString()).contains("retired");
        assertThat(auditEntries("employee.retired", id)).isEqualTo(1);
        // still there for history, and listed when retired people are asked for
        assertThat(org.get("/api/profiles/admin/people?q=" + account.username(), "ada").json().path("total")
                .asLong()).isZero();
        assertThat(org.get("/api/profiles/admin/people?includeRetired=true&q=" + account.username(), "ada").json()
                .path("total").asLong()).isEqualTo(1);
    }

    @Test
    void theDemoPeopleKeepTheirKeycloakIdsAndAreLinkedFromTheStart() {
        assertThat(jdbc.sql("select subject from employee where id = :id").param("id", ALICE)
                .query(String.class).single()).isEqualTo(ALICE);
        assertThat(jdbc.sql("select username from employee where id = :id").param("id", BOB)
                .query(String.class).single()).isEqualTo("bob");
        assertThat(api.get("/api/profiles/me", "bob").json().path("id").asString()).isEqualTo(BOB);
    }
}
