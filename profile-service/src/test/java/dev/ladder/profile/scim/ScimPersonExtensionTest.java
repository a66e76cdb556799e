package dev.ladder.profile.scim;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.UserResource;
import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.ProfileServiceTest;
import dev.ladder.profile.TestCatalog;
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

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The track, start date and salary region in Ladder's User extension ({@value PersonExtension#URN}): set at
 * provisioning, kept by HR systems that do not know the extension, patched like the rest of the user, and checked
 * by the organisation's own rules (those of the admin API) — a refused request changes and announces nothing.
 */
class ScimPersonExtensionTest extends ProfileServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER_URN = PersonExtension.URN;
    /** {@code ladder.profile.default-track-id}: where self-registration and provisioning put people by default. */
    private static final String DEFAULT_TRACK = "ai-ml-security-specialist";

    private Client client;
    private ScimService scim;

    @BeforeEach
    void scimClient() {
        String token = ScimProvisioningTest.provisionerToken();
        client = ClientBuilder.newClient(new ClientConfig().connectorProvider(new Apache5ConnectorProvider()))
                .register((ClientRequestFilter) request ->
                        request.getHeaders().putSingle("Authorization", "Bearer " + token));
        scim = new ScimService(client.target("http://localhost:" + port + "/scim/v2"));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void provisioningSetsTrackStartDateAndRegionWhichPutWithoutTheExtensionKeepsAndPatchChanges()
            throws ScimException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String track = "scim-track-" + suffix;
        TestCatalog.publishWithRegions(jdbc, track, 1, List.of("north", "south"));

        UserResource request = ScimProvisioningTest.user("ext-" + suffix, "Eli Extension", null);
        request.setExtension(new PersonExtension().setTrackId(track).setStartDate("2021-04-01").setRegion("north"));
        UserResource created;
        try (KafkaProbe employees = LadderInfra.probe(Topics.EMPLOYEES)) {
            created = scim.create("Users", request);
            ConsumerRecord<String, String> event = employees.await(KafkaProbe.hasKey(created.getId()));
            assertThat(EventSchemas.violations(EventType.EMPLOYEE_UPDATED, event.value())).isEmpty();
            JsonNode payload = JSON.readTree(event.value());
            assertThat(payload.path("trackId").asString()).isEqualTo(track);
            assertThat(payload.path("startDate").asString()).isEqualTo("2021-04-01");
            assertThat(payload.path("region").asString()).isEqualTo("north");
        }
        String id = created.getId();
        assertExtension(created, track, "2021-04-01", "north");
        assertExtension(scim.retrieve("Users", id, UserResource.class), track, "2021-04-01", "north");
        assertThat(count("select count(*) from audit_entry where action = 'employee.provisioned' and employee_id = '"
                + id + "' and after_state ->> 'trackId' = '" + track + "'")).isEqualTo(1);

        // an HR system that does not know the extension replaces the user without it: all three stay
        UserResource withoutExtension = ScimProvisioningTest.user("ext-" + suffix, "Eli Extension", null);
        withoutExtension.setId(id);
        withoutExtension.setMeta(created.getMeta());
        withoutExtension.setTitle("Analyst");
        UserResource replaced = scim.replace(withoutExtension);
        assertThat(replaced.getTitle()).isEqualTo("Analyst");
        assertExtension(replaced, track, "2021-04-01", "north");
        assertStored(id, track, LocalDate.of(2021, 4, 1), "north");

        // PATCH the start date alone: the rest stays, audited and announced like an admin's change
        try (KafkaProbe employees = LadderInfra.probe(Topics.EMPLOYEES)) {
            UserResource patched = scim.modify("Users", id, new PatchRequest(
                    PatchOperation.replace(USER_URN + ":startDate", "2022-05-02")), UserResource.class);
            assertExtension(patched, track, "2022-05-02", "north");
            ConsumerRecord<String, String> event = employees.await(KafkaProbe.hasKey(id)
                    .and(r -> JSON.readTree(r.value()).path("startDate").asString("").equals("2022-05-02")));
            assertThat(JSON.readTree(event.value()).path("trackId").asString()).isEqualTo(track);
        }
        assertStored(id, track, LocalDate.of(2022, 5, 2), "north");
        assertThat(count("select count(*) from audit_entry where action = 'employee.updated' and employee_id = '"
                + id + "' and actor_username = 'scim:service-account-ladder-provisioner' and after_state ->> "
                + "'startDate' = '2022-05-02'")).isEqualTo(1);

        // the track cannot be removed: removing it leaves it as it is (and changes nothing)
        long events = events(id);
        UserResource trackRemoved = scim.modify("Users", id, new PatchRequest(
                PatchOperation.remove(USER_URN + ":trackId")), UserResource.class);
        assertExtension(trackRemoved, track, "2022-05-02", "north");
        assertThat(events(id)).isEqualTo(events);

        // the extension present without a start date or region clears them; without a track keeps it
        UserResource withExtension = ScimProvisioningTest.user("ext-" + suffix, "Eli Extension", null);
        withExtension.setId(id);
        withExtension.setMeta(trackRemoved.getMeta());
        withExtension.setExtension(new PersonExtension());
        UserResource cleared = scim.replace(withExtension);
        assertExtension(cleared, track, null, null);
        assertStored(id, track, null, null);
    }

    @Test
    void withoutTheExtensionProvisioningUsesTheDefaultTrackAndNoStartDate() throws ScimException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UserResource created = scim.create("Users", ScimProvisioningTest.user("plain-" + suffix, "Pat Plain", null));

        UserResource read = scim.retrieve("Users", created.getId(), UserResource.class);
        assertThat(read.getSchemaUrns()).contains(USER_URN);
        assertExtension(read, DEFAULT_TRACK, null, null);
        assertStored(created.getId(), DEFAULT_TRACK, null, null);
    }

    @Test
    void invalidDatesUnknownTracksAndRegionsOfTheOldTrackAreRefusedAndChangeNothing() throws ScimException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String track = "scim-old-" + suffix;
        String newTrack = "scim-new-" + suffix;
        TestCatalog.publishWithRegions(jdbc, track, 1, List.of("north", "south"));
        TestCatalog.publishWithRegions(jdbc, newTrack, 1, List.of("east"));
        UserResource request = ScimProvisioningTest.user("inv-" + suffix, "Ivo Invalid", null);
        request.setExtension(new PersonExtension().setTrackId(track).setStartDate("2021-04-01").setRegion("north"));
        UserResource created = scim.create("Users", request);
        String id = created.getId();
        long events = events(id);

        // not an ISO date, not a day of the calendar, in the future (the admin API refuses those too)
        for (String date : List.of("01.04.2021", "2021-02-30", "2021-04-01T00:00:00Z",
                LocalDate.now().plusDays(2).toString())) {
            ScimException refused = catchThrowableOfType(ScimException.class, () -> scim.modify("Users", id,
                    new PatchRequest(PatchOperation.replace(USER_URN + ":startDate", date)), UserResource.class));
            assertThat(refused.getScimError().getStatus()).as(date).isEqualTo(400);
            assertThat(refused.getScimError().getScimType()).as(date).isEqualTo("invalidValue");
            assertThat(refused.getScimError().getDetail()).as(date).contains(USER_URN + ":startDate");
        }
        UserResource badDate = ScimProvisioningTest.user("inv-date-" + suffix, "Dan Date", null);
        badDate.setExtension(new PersonExtension().setStartDate("yesterday"));
        ScimException badDateAtCreation = catchThrowableOfType(ScimException.class,
                () -> scim.create("Users", badDate));
        assertThat(badDateAtCreation.getScimError().getScimType()).isEqualTo("invalidValue");
        assertThat(count("select count(*) from employee where username = 'inv-date-" + suffix + "'")).isZero();

        // a track the catalog does not know: the field is named
        ScimException unknown = catchThrowableOfType(ScimException.class, () -> scim.modify("Users", id,
                new PatchRequest(PatchOperation.replace(USER_URN + ":trackId", "no-such-track-" + suffix)),
                UserResource.class));
        assertThat(unknown.getScimError().getStatus()).isEqualTo(400);
        assertThat(unknown.getScimError().getScimType()).isEqualTo("invalidValue");
        assertThat(unknown.getScimError().getDetail()).contains(USER_URN + ":trackId", "no-such-track-" + suffix);
        UserResource unknownAtCreation = ScimProvisioningTest.user("inv-track-" + suffix, "Tia Track", null);
        unknownAtCreation.setExtension(new PersonExtension().setTrackId("no-such-track-" + suffix));
        ScimException refusedAtCreation = catchThrowableOfType(ScimException.class,
                () -> scim.create("Users", unknownAtCreation));
        assertThat(refusedAtCreation.getScimError().getScimType()).isEqualTo("invalidValue");
        assertThat(count("select count(*) from employee where username = 'inv-track-" + suffix + "'")).isZero();

        // a new track and a region of the old one in the same request: the region is checked against the new track
        UserResource move = ScimProvisioningTest.user("inv-" + suffix, "Ivo Invalid", null);
        move.setId(id);
        move.setMeta(created.getMeta());
        move.setExtension(new PersonExtension().setTrackId(newTrack).setStartDate("2021-04-01").setRegion("north"));
        ScimException wrongRegion = catchThrowableOfType(ScimException.class, () -> scim.replace(move));
        assertThat(wrongRegion.getScimError().getStatus()).isEqualTo(400);
        assertThat(wrongRegion.getScimError().getScimType()).isEqualTo("invalidValue");
        assertThat(wrongRegion.getScimError().getDetail()).contains(USER_URN + ":region", "'north'", newTrack,
                "east");

        // nothing changed, nothing announced, nothing audited
        assertExtension(scim.retrieve("Users", id, UserResource.class), track, "2021-04-01", "north");
        assertStored(id, track, LocalDate.of(2021, 4, 1), "north");
        assertThat(events(id)).isEqualTo(events);
        assertThat(count("select count(*) from audit_entry where action = 'employee.updated' and employee_id = '"
                + id + "'")).isZero();

        // the new track with one of its regions, in one PATCH: one change, audited and announced
        try (KafkaProbe employees = LadderInfra.probe(Topics.EMPLOYEES)) {
            UserResource moved = scim.modify("Users", id, new PatchRequest(
                    PatchOperation.replace(USER_URN + ":trackId", newTrack),
                    PatchOperation.replace(USER_URN + ":region", "east")), UserResource.class);
            assertExtension(moved, newTrack, "2021-04-01", "east");
            ConsumerRecord<String, String> event = employees.await(KafkaProbe.hasKey(id)
                    .and(r -> JSON.readTree(r.value()).path("trackId").asString("").equals(newTrack)));
            assertThat(EventSchemas.violations(EventType.EMPLOYEE_UPDATED, event.value())).isEmpty();
            assertThat(JSON.readTree(event.value()).path("region").asString()).isEqualTo("east");
        }
        assertThat(events(id)).isEqualTo(events + 1);
        assertThat(count("select count(*) from audit_entry where action = 'employee.updated' and employee_id = '"
                + id + "' and actor_username = 'scim:service-account-ladder-provisioner' and before_state ->> "
                + "'trackId' = '" + track + "' and after_state ->> 'trackId' = '" + newTrack + "'")).isEqualTo(1);
    }

    private static void assertExtension(UserResource user, String trackId, String startDate, String region) {
        PersonExtension ladder = user.getExtension(PersonExtension.class);
        assertThat(ladder).isNotNull();
        assertThat(ladder.getTrackId()).isEqualTo(trackId);
        assertThat(ladder.getStartDate()).isEqualTo(startDate);
        assertThat(ladder.getRegion()).isEqualTo(region);
    }

    private void assertStored(String id, String trackId, LocalDate startDate, String region) {
        Stored stored = jdbc.sql("select track_id, start_date, region from employee where id = :id").param("id", id)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3)))
                .single();
        assertThat(stored).isEqualTo(new Stored(trackId, startDate, region));
    }

    private record Stored(String trackId, LocalDate startDate, String region) {
    }

    /** The EmployeeUpdated events written to the outbox for the person. */
    private long events(String id) {
        return jdbc.sql("select count(*) from outbox_event where topic = :topic and event_key = :id")
                .param("topic", Topics.EMPLOYEES).param("id", id).query(Long.class).single();
    }
}
