package dev.ladder.profile.organisation;

import dev.ladder.profile.Api;
import dev.ladder.profile.ProfileServiceTest;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared steps of the organisation tests; every test makes its own people and teams. */
public abstract class OrganisationTest extends ProfileServiceTest {

    protected OrgApi org;

    @BeforeEach
    void orgApi() {
        org = new OrgApi(port);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Ada provisions a person (201); returns the answer. */
    protected JsonNode provision(String username, String email, String teamId) {
        Api.Response created = org.post("/api/profiles/admin/people", "ada", """
                {"username":"%s","displayName":"Person %s","email":%s,"teamId":%s,"region":"europe",
                 "startDate":"2020-02-01","jobTitle":"Engineer"}
                """.formatted(username, username, json(email), json(teamId)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json();
    }

    /** Ada creates a team (201). */
    protected JsonNode team(String id, String managerId, String deputyId) {
        Api.Response created = org.post("/api/profiles/admin/teams", "ada", """
                {"id":"%s","name":"Team %s","managerId":%s,"deputyId":%s}
                """.formatted(id, id, json(managerId), json(deputyId)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json();
    }

    /** A new Keycloak account that signed in once (so has an employee); returns its /me. */
    protected JsonNode signedIn(OrgApi.Account account) {
        Api.Response me = org.get("/api/profiles/me", account.username());
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        return me.json();
    }

    protected String etag(String path) {
        return org.get(path, "ada").header("ETag").orElseThrow();
    }

    protected long auditEntries(String action, String employeeId) {
        return jdbc.sql("select count(*) from audit_entry where action = :action and employee_id = :id")
                .param("action", action).param("id", employeeId).query(Long.class).single();
    }

    protected long outboxRows(String topic, String key) {
        return jdbc.sql("select count(*) from outbox_event where topic = :topic and event_key = :key")
                .param("topic", topic).param("key", key).query(Long.class).single();
    }

    protected static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
