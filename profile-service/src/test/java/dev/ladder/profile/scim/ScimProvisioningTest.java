package dev.ladder.profile.scim;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Manager;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.Api;
import dev.ladder.profile.ProfileServiceTest;
import dev.ladder.profile.TestCatalog;
import dev.ladder.profile.organisation.OrgApi;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.client.ClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An HR system's provisioning sequence (as Okta or Entra ID run it) against the running service, with an
 * independent SCIM client (UnboundID's SDK over Jersey) and a real client-credentials token of the
 * {@code ladder-provisioner} client from the real Keycloak.
 */
class ScimProvisioningTest extends ProfileServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TEAM_URN = "urn:ladder:params:scim:schemas:extension:2.0:Team";
    private static final String USER_URN = "urn:ladder:params:scim:schemas:extension:2.0:User";

    private Client client;
    private ScimService scim;

    @BeforeEach
    void scimClient() {
        String token = provisionerToken();
        // Apache HttpClient under Jersey: the JDK's HttpURLConnection cannot send PATCH
        client = ClientBuilder.newClient(new ClientConfig().connectorProvider(new Apache5ConnectorProvider())).register((ClientRequestFilter) request ->
                request.getHeaders().putSingle("Authorization", "Bearer " + token));
        scim = new ScimService(client.target("http://localhost:" + port + "/scim/v2"));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void discoveryTellsWhatIsSupported() throws ScimException {
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertThat(config.getPatch().isSupported()).isTrue();
        assertThat(config.getFilter().isSupported()).isTrue();
        assertThat(config.getFilter().getMaxResults()).isEqualTo(200);
        assertThat(config.getEtag().isSupported()).isTrue();
        assertThat(config.getBulk().isSupported()).isFalse();
        assertThat(config.getSort().isSupported()).isFalse();
        assertThat(config.getChangePassword().isSupported()).isFalse();
        assertThat(config.getAuthenticationSchemes()).extracting(s -> s.getType()).containsExactly("oauthbearertoken");

        ListResponse<ResourceTypeResource> types = scim.getResourceTypes();
        assertThat(types.getResources()).extracting(ResourceTypeResource::getName).containsExactly("User", "Group");
        assertThat(types.getResources().get(0).getSchemaExtensions()).extracting(e -> e.getSchema().toString())
                .containsExactly("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", USER_URN);

        ListResponse<SchemaResource> schemas = scim.getSchemas();
        assertThat(schemas.getResources()).extracting(SchemaResource::getId).containsExactly(
                "urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", TEAM_URN, USER_URN);
        SchemaResource ladder = scim.getSchema(USER_URN);
        assertThat(ladder.getAttributes()).extracting(a -> a.getName())
                .containsExactlyInAnyOrder("trackId", "startDate", "region");
        // the start date is an ISO date (YYYY-MM-DD), not a SCIM dateTime (which needs a time and zone)
        assertThat(ladder.getAttributes()).allSatisfy(a -> {
            assertThat(a.getType()).isEqualTo(AttributeDefinition.Type.STRING);
            assertThat(a.isMultiValued()).isFalse();
            assertThat(a.getMutability()).isEqualTo(AttributeDefinition.Mutability.READ_WRITE);
        });
        assertThat(schemas.getResources().get(0).getAttributes()).extracting(a -> a.getName())
                .contains("userName", "emails", "active", "title").doesNotContain("password", "phoneNumbers");
        assertThat(scim.getSchema("urn:ietf:params:scim:schemas:core:2.0:Group").getMeta().getResourceType())
                .isEqualTo("Schema");
    }

    @Test
    void anHrSystemProvisionsTeamsAndPeopleAndEveryChangeIsAuditedAndAnnounced() throws ScimException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // the manager first, then their team with them as its manager
        UserResource manager = scim.create("Users", user("mgr-" + suffix, "Maja Manager", null));
        GroupResource team = new GroupResource().setDisplayName("Platform " + suffix);
        team.setExternalId("hr-team-" + suffix);
        team.replaceExtensionValue(TEAM_URN, JsonUtils.valueToNode(java.util.Map.of("manager",
                java.util.Map.of("value", manager.getId()))));
        GroupResource created = scim.create("Groups", team);
        assertThat(created.getId()).isEqualTo("platform-" + suffix);
        assertThat(created.getMeta().getResourceType()).isEqualTo("Group");
        assertThat(created.getMeta().getVersion()).startsWith("W/\"");
        assertThat(created.getMeta().getLocation().toString()).endsWith("/scim/v2/Groups/platform-" + suffix);
        assertThat(count("select count(*) from audit_entry where action = 'team.created' and team_id = '"
                + created.getId() + "' and actor_username = 'scim:service-account-ladder-provisioner'")).isEqualTo(1);

        // a person with that manager: placed in the team the manager manages, and announced
        UserResource person;
        try (KafkaProbe employees = LadderInfra.probe(Topics.EMPLOYEES)) {
            UserResource request = user("per-" + suffix, "Per Person", manager.getId());
            request.setExternalId("hr-" + suffix);
            request.setTitle("Security Engineer");
            person = scim.create("Users", request);
            String id = person.getId();
            ConsumerRecord<String, String> event = employees.await(KafkaProbe.hasKey(id));
            assertThat(EventSchemas.violations(EventType.EMPLOYEE_UPDATED, event.value())).isEmpty();
            JsonNode payload = JSON.readTree(event.value());
            assertThat(payload.path("teamId").asString()).isEqualTo(created.getId());
            assertThat(payload.path("managerId").asString()).isEqualTo(manager.getId());
            assertThat(payload.path("jobTitle").asString()).isEqualTo("Security Engineer");
        }
        assertThat(person.getActive()).isTrue();
        assertThat(person.getMeta().getCreated()).isNotNull();
        assertThat(person.getGroups()).extracting(g -> g.getValue()).containsExactly(created.getId());
        assertThat(person.getExtension(EnterpriseUserExtension.class).getManager().getValue())
                .isEqualTo(manager.getId());
        assertThat(count("select count(*) from audit_entry where action = 'employee.provisioned' and employee_id = '"
                + person.getId() + "'")).isEqualTo(1);

        // filters: userName (any case), externalId, emails.value
        assertThat(scim.searchRequest("Users").filter("userName eq \"PER-" + suffix + "\"")
                .invoke(UserResource.class).getResources()).extracting(UserResource::getId)
                .containsExactly(person.getId());
        assertThat(scim.searchRequest("Users").filter("externalId eq \"hr-" + suffix + "\"")
                .invoke(UserResource.class).getTotalResults()).isEqualTo(1);
        assertThat(scim.searchRequest("Users").filter("emails.value eq \"per-" + suffix + "@example.org\"")
                .invoke(UserResource.class).getTotalResults()).isEqualTo(1);
        assertThat(scim.searchRequest("Groups").filter("displayName eq \"platform " + suffix + "\"")
                .invoke(GroupResource.class).getResources()).extracting(GroupResource::getId)
                .containsExactly(created.getId());
        assertThat(scim.searchRequest("Users").filter("userName eq \"nobody-" + suffix + "\"")
                .invoke(UserResource.class).getTotalResults()).isZero();

        // PATCH add member: someone without a team joins it
        UserResource newcomer = scim.create("Users", user("new-" + suffix, "Nina Newcomer", null));
        assertThat(newcomer.getGroups()).isNull();
        GroupResource patched = scim.modifyRequest("Groups", created.getId())
                .addValues("members", new Member().setValue(newcomer.getId())).invoke(GroupResource.class);
        assertThat(patched.getMembers()).extracting(Member::getValue)
                .containsExactlyInAnyOrder(person.getId(), newcomer.getId());
        assertThat(scim.retrieve("Users", newcomer.getId(), UserResource.class).getGroups())
                .extracting(g -> g.getValue()).containsExactly(created.getId());

        // ETag / If-Match: a stale version is refused with 412, nothing changes
        String stale = patched.getMeta().getVersion();
        scim.modifyRequest("Groups", created.getId()).ifMatch(stale)
                .removeValues("members[value eq \"" + newcomer.getId() + "\"]").invoke(GroupResource.class);
        ScimException preconditionFailed = catchThrowableOfType(ScimException.class, () ->
                scim.modifyRequest("Groups", created.getId()).ifMatch(stale)
                        .addValues("members", new Member().setValue(newcomer.getId())).invoke(GroupResource.class));
        assertThat(preconditionFailed.getScimError().getStatus()).isEqualTo(412);
        assertThat(scim.retrieve("Groups", created.getId(), GroupResource.class).getMembers())
                .extracting(Member::getValue).containsExactly(person.getId());
        assertThat(scim.retrieve("Users", newcomer.getId(), UserResource.class).getGroups()).isNull();

        // PATCH active=false retires: still readable, announced inactive
        try (KafkaProbe employees = LadderInfra.probe(Topics.EMPLOYEES)) {
            UserResource retired = scim.modify("Users", person.getId(),
                    new PatchRequest(PatchOperation.replace("active", false)), UserResource.class);
            assertThat(retired.getActive()).isFalse();
            ConsumerRecord<String, String> event = employees.await(KafkaProbe.hasKey(person.getId())
                    .and(r -> !JSON.readTree(r.value()).path("active").asBoolean(true)));
            assertThat(EventSchemas.violations(EventType.EMPLOYEE_UPDATED, event.value())).isEmpty();
        }
        assertThat(scim.retrieve("Users", person.getId(), UserResource.class).getActive()).isFalse();
        assertThat(count("select count(*) from audit_entry where action = 'employee.retired' and employee_id = '"
                + person.getId() + "'")).isEqualTo(1);

        // DELETE: retired and gone for SCIM (history kept)
        scim.delete("Users", newcomer.getId());
        ScimException gone = catchThrowableOfType(ScimException.class,
                () -> scim.retrieve("Users", newcomer.getId(), UserResource.class));
        assertThat(gone.getScimError().getStatus()).isEqualTo(404);
        assertThat(count("select count(*) from employee where not active and id = '" + newcomer.getId() + "'"))
                .isEqualTo(1);
    }

    @Test
    void errorsAreScimErrors() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        scim.create("Users", user("dup-" + suffix, "Dee Duplicate", null));

        ScimException badFilter = catchThrowableOfType(ScimException.class, () ->
                scim.searchRequest("Users").filter("title co \"x\"").invoke(UserResource.class));
        assertThat(badFilter.getScimError().getStatus()).isEqualTo(400);
        assertThat(badFilter.getScimError().getScimType()).isEqualTo("invalidFilter");
        ScimException unparsable = catchThrowableOfType(ScimException.class, () ->
                scim.searchRequest("Users").filter("userName eq").invoke(UserResource.class));
        assertThat(unparsable.getScimError().getScimType()).isEqualTo("invalidFilter");

        ScimException duplicate = catchThrowableOfType(ScimException.class, () ->
                scim.create("Users", user("DUP-" + suffix, "Dee Again", null)));
        assertThat(duplicate.getScimError().getStatus()).isEqualTo(409);
        assertThat(duplicate.getScimError().getScimType()).isEqualTo("uniqueness");

        ScimException unknown = catchThrowableOfType(ScimException.class, () ->
                scim.retrieve("Users", UUID.randomUUID().toString(), UserResource.class));
        assertThat(unknown.getScimError().getStatus()).isEqualTo(404);

        ScimException managerWithoutTeam = catchThrowableOfType(ScimException.class, () ->
                scim.create("Users", user("orphan-" + suffix, "Otto", ADA)));
        assertThat(managerWithoutTeam.getScimError().getStatus()).isEqualTo(400);
        assertThat(managerWithoutTeam.getScimError().getScimType()).isEqualTo("invalidValue");
        assertThat(count("select count(*) from employee where username = 'orphan-" + suffix + "'")).isZero();

        HttpResponse<String> malformed = raw("POST", "/scim/v2/Users", provisionerToken(), "{\"userName\":");
        assertScimError(malformed, 400, "invalidSyntax");

        HttpResponse<String> employee = raw("GET", "/scim/v2/Users", Api.token("alice"), null);
        assertScimError(employee, 403, null);
        HttpResponse<String> admin = raw("POST", "/scim/v2/Users", Api.token("ada"), "{\"userName\":\"x\"}");
        assertScimError(admin, 403, null);
        HttpResponse<String> anonymous = raw("GET", "/scim/v2/Users", null, null);
        assertScimError(anonymous, 401, null);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        assertScimError(raw("GET", "/scim/v2/Nothing", provisionerToken(), null), 404, null);

        // the machine is not a person: the rest of the API is closed to it, and it is never registered
        HttpResponse<String> me = raw("GET", "/api/profiles/me", provisionerToken(), null);
        assertThat(me.statusCode()).isEqualTo(403);
        assertThat(count("select count(*) from employee where username = 'service-account-ladder-provisioner'"))
                .isZero();
    }

    /** One PATCH applies at most 1,000 operations: the limit passes, one more is a 400 and changes nothing. */
    @Test
    void aPatchAppliesAtMostAThousandOperations() throws ScimException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String id = scim.create("Users", user("ops-" + suffix, "Olga Ops", null)).getId();

        HttpResponse<String> atTheLimit = raw("PATCH", "/scim/v2/Users/" + id, provisionerToken(),
                renames(ScimSupport.MAX_PATCH_OPERATIONS, "Olga Limit"));
        assertThat(atTheLimit.statusCode()).as(atTheLimit.body()).isEqualTo(200);
        assertThat(JSON.readTree(atTheLimit.body()).path("name").path("formatted").asString())
                .isEqualTo("Olga Limit " + (ScimSupport.MAX_PATCH_OPERATIONS - 1));

        HttpResponse<String> over = raw("PATCH", "/scim/v2/Users/" + id, provisionerToken(),
                renames(ScimSupport.MAX_PATCH_OPERATIONS + 1, "Olga Over"));

        assertScimError(over, 400, "invalidValue");
        assertThat(JSON.readTree(over.body()).path("detail").asString()).contains("at most 1000 operations");
        assertThat(JSON.readTree(raw("GET", "/scim/v2/Users/" + id, provisionerToken(), null).body())
                .path("name").path("formatted").asString())
                .isEqualTo("Olga Limit " + (ScimSupport.MAX_PATCH_OPERATIONS - 1));
    }

    /** A PatchOp with {@code count} operations, each renaming the person to {@code name i}. */
    private static String renames(int count, String name) {
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < count; i++) {
            ops.append(i == 0 ? "" : ",").append("{\"op\":\"replace\",\"path\":\"name.formatted\",\"value\":\"")
                    .append(name).append(' ').append(i).append("\"}");
        }
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + ops + "]}";
    }

    @Test
    void theRegionTravelsInLaddersUserExtensionAndMustBeASalaryRegionOfThePersonsTrack() throws ScimException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String track = "scim-regions-" + suffix;
        TestCatalog.publishWithRegions(jdbc, track, 1, List.of("north", "south"));
        // an admin provisions the person on the track (SCIM could too: ScimPersonExtensionTest)
        Api.Response provisioned = api.post("/api/profiles/admin/people", "ada", """
                {"username":"reg-%s","displayName":"Rea Region","trackId":"%s","region":"north"}"""
                .formatted(suffix, track));
        assertThat(provisioned.status()).as(provisioned.raw()).isEqualTo(201);
        String id = provisioned.json().path("id").asString();

        UserResource read = scim.retrieve("Users", id, UserResource.class);
        assertThat(read.getSchemaUrns()).contains(USER_URN);
        assertThat(read.getExtension(PersonExtension.class).getRegion()).isEqualTo("north");

        long outbox = count("select count(*) from outbox_event");
        ScimException refused = catchThrowableOfType(ScimException.class, () -> scim.modify("Users", id,
                new PatchRequest(PatchOperation.replace(USER_URN + ":region", "mars")), UserResource.class));
        assertThat(refused.getScimError().getStatus()).isEqualTo(400);
        assertThat(refused.getScimError().getScimType()).isEqualTo("invalidValue");
        assertThat(refused.getScimError().getDetail()).contains("region", "'mars'", "north", "south");
        ScimException notASlug = catchThrowableOfType(ScimException.class, () -> scim.modify("Users", id,
                new PatchRequest(PatchOperation.replace(USER_URN + ":region", "Not A Slug")), UserResource.class));
        assertThat(notASlug.getScimError().getScimType()).isEqualTo("invalidValue");
        assertThat(region(id)).isEqualTo("north");
        assertThat(count("select count(*) from outbox_event")).isEqualTo(outbox);

        UserResource south = scim.modify("Users", id,
                new PatchRequest(PatchOperation.replace(USER_URN + ":region", "south")), UserResource.class);
        assertThat(south.getExtension(PersonExtension.class).getRegion()).isEqualTo("south");
        assertThat(count("select count(*) from audit_entry where action = 'employee.updated' and employee_id = '"
                + id + "'")).isEqualTo(1);

        // an HR system that does not know the extension replaces the user without it: the region stays
        UserResource withoutExtension = user("reg-" + suffix, "Rea Region", null);
        withoutExtension.setId(id);
        withoutExtension.setMeta(south.getMeta());
        scim.replace(withoutExtension);
        assertThat(region(id)).isEqualTo("south");

        scim.modify("Users", id, new PatchRequest(PatchOperation.remove(USER_URN + ":region")), UserResource.class);
        assertThat(region(id)).isNull();
    }

    private String region(String id) {
        return jdbc.sql("select region from employee where id = :id").param("id", id).query(String.class)
                .list().get(0);
    }

    @Test
    void aProvisionedPersonIsLinkedWhenTheySignIn() throws ScimException {
        OrgApi.Account account = OrgApi.newAccount("scim", true);
        UserResource person = scim.create("Users", user(account.username(), "Sam Scim", null));
        assertThat(person.getId()).isNotEqualTo(account.id());

        JsonNode me = api.get("/api/profiles/me", account.username()).json();

        assertThat(me.path("id").asString()).isEqualTo(person.getId());
        assertThat(jdbc.sql("select subject from employee where id = :id").param("id", person.getId())
                .query(String.class).single()).isEqualTo(account.id());
    }

    static UserResource user(String userName, String name, String managerId) {
        UserResource user = new UserResource().setUserName(userName)
                .setName(new Name().setFormatted(name))
                .setEmails(new Email().setValue(userName.toLowerCase() + "@example.org").setPrimary(true)
                        .setType("work"));
        user.setActive(true);
        if (managerId != null) {
            user.setExtension(new EnterpriseUserExtension().setManager(new Manager().setValue(managerId)));
        }
        return user;
    }

    private static void assertScimError(HttpResponse<String> response, int status, String scimType) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/scim+json"));
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("schemas").get(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(error.path("status").isString()).isTrue();
        assertThat(error.path("status").asString()).isEqualTo(Integer.toString(status));
        if (scimType != null) {
            assertThat(error.path("scimType").asString()).isEqualTo(scimType);
        }
    }

    private HttpResponse<String> raw(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/scim+json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A real client-credentials token of the provisioning client (realm role provisioner, audience ladder-api). */
    static String provisionerToken() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(LadderInfra.issuerUri() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                        + "&client_id=ladder-provisioner&client_secret=ladder-provisioner-secret"))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
