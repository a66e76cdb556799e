package dev.ladder.profile.organisation;

import dev.ladder.profile.Api;
import dev.ladder.profile.TestCatalog;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's region is one of the salary regions of their track, as its newest release names them; a release that
 * does not name them (published before releases carried them) leaves any region acceptable.
 */
class SalaryRegionTest extends OrganisationTest {

    private static final String PEOPLE = "/api/profiles/admin/people";

    private String track() {
        return "regions-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAdminCanOnlyGiveARegionOfThePersonsTrack() {
        String track = track();
        TestCatalog.publishWithRegions(jdbc, track, 1, List.of("north", "south-east"));
        String username = unique("reg");
        long people = count("select count(*) from employee");
        long outbox = count("select count(*) from outbox_event");

        Api.Response refused = org.post(PEOPLE, "ada", person(username, track, "mars"));

        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactly("region");
        assertThat(refused.json().path("errors").get(0).path("message").asString())
                .contains("'mars'", track, "north (NORTH)", "south-east (SOUTH-EAST)");
        assertThat(count("select count(*) from employee")).isEqualTo(people);
        assertThat(count("select count(*) from outbox_event")).isEqualTo(outbox);

        Api.Response created = org.post(PEOPLE, "ada", person(username, track, "south-east"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.json().path("id").asString();
        String path = PEOPLE + "/" + id;

        Api.Response changed = org.send("PUT", path, "ada", update(track, "nowhere"), "If-Match", version(id));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(422);
        assertThat(changed.errorFields()).containsExactly("region");
        Api.Response north = org.send("PUT", path, "ada", update(track, "north"), "If-Match", version(id));
        assertThat(north.status()).as(north.raw()).isEqualTo(200);
        assertThat(north.json().path("region").asString()).isEqualTo("north");
        Api.Response none = org.send("PUT", path, "ada", update(track, null), "If-Match", version(id));
        assertThat(none.status()).as("no region is always allowed: " + none.raw()).isEqualTo(200);
    }

    @Test
    void aTrackWhoseRegionsAreNotKnownAcceptsAnyAndATrackWithoutBandsNone() {
        String unknownRegions = track();
        TestCatalog.publishWithRegions(jdbc, unknownRegions, 1, null);
        assertThat(org.post(PEOPLE, "ada", person(unique("any"), unknownRegions, "atlantis")).status())
                .isEqualTo(201);

        String noBands = track();
        TestCatalog.publishWithRegions(jdbc, noBands, 1, List.of());
        Api.Response refused = org.post(PEOPLE, "ada", person(unique("none"), noBands, "europe"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactly("region");
        assertThat(org.post(PEOPLE, "ada", person(unique("none"), noBands, null)).status()).isEqualTo(201);
    }

    @Test
    void aRegionGivenBeforeTheTrackNamedItsRegionsStaysEditableUntilChanged() {
        String track = track();
        TestCatalog.publishWithRegions(jdbc, track, 1, null);
        String id = org.post(PEOPLE, "ada", person(unique("old"), track, "legacy")).json().path("id").asString();
        TestCatalog.publishWithRegions(jdbc, track, 2, List.of("north"));
        String path = PEOPLE + "/" + id;

        Api.Response renamed = org.send("PUT", path, "ada", """
                {"displayName":"Renamed","trackId":"%s","region":"legacy"}""".formatted(track),
                "If-Match", version(id));
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        Api.Response otherInvalid = org.send("PUT", path, "ada", update(track, "elsewhere"), "If-Match", version(id));
        assertThat(otherInvalid.status()).isEqualTo(422);
    }

    @Test
    void aTrackMoveKeepsTheRegionSoItMustBeARegionOfTheNewTrack() {
        String from = track();
        String to = track();
        String open = track();
        TestCatalog.publishWithRegions(jdbc, from, 1, List.of("north"));
        TestCatalog.publishWithRegions(jdbc, to, 1, List.of("west"));
        TestCatalog.publishWithRegions(jdbc, open, 1, null);
        String id = org.post(PEOPLE, "ada", person(unique("mover"), from, "north")).json().path("id").asString();
        String path = "/api/profiles/people/" + id;

        Api.Response refused = org.send("PUT", path + "/track", "ada", "{\"trackId\":\"" + to + "\"}",
                "If-Match", version(id));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactly("region");
        Api.Response moved = org.send("PUT", path + "/track", "ada", "{\"trackId\":\"" + open + "\"}",
                "If-Match", version(id));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.json().path("trackId").asString()).isEqualTo(open);
    }

    @Test
    void theCsvPreviewNamesEveryRowWithARegionItsTrackDoesNotHave() {
        String track = track();
        TestCatalog.publishWithRegions(jdbc, track, 1, List.of("north", "south"));
        // a track whose releases do not name their regions (published before they did): any region goes
        String unknown = track();
        TestCatalog.publishWithRegions(jdbc, unknown, 1, null);
        String s = UUID.randomUUID().toString().substring(0, 8);
        String csv = "username,displayName,trackId,region\n"
                + "ok-" + s + ",Okay," + track + ",north\n"
                + "bad-" + s + ",Bad," + track + ",mars\n"
                + "worse-" + s + ",Worse," + track + ",venus\n"
                + "free-" + s + ",Free," + unknown + ",anywhere\n";
        long people = count("select count(*) from employee");

        Api.Response preview = org.sendBody("POST", "/api/profiles/admin/import/preview", "ada", csv, "text/csv");
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        JsonNode report = preview.json();
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("problems").values()).extracting(p -> p.path("row").asInt() + " "
                + p.path("column").asString()).containsExactly("3 region", "4 region");
        assertThat(report.path("problems").get(0).path("message").asString()).contains("mars", "north", "south");

        Api.Response imported = org.sendBody("POST", "/api/profiles/admin/import", "ada", csv, "text/csv");
        assertThat(imported.status()).isEqualTo(422);
        assertThat(count("select count(*) from employee")).isEqualTo(people);
    }

    private String version(String id) {
        return etag("/api/profiles/people/" + id);
    }

    private static String person(String username, String track, String region) {
        return """
                {"username":"%s","displayName":"Person %s","trackId":"%s","region":%s}
                """.formatted(username, username, track, json(region));
    }

    private static String update(String track, String region) {
        return """
                {"displayName":"Person","trackId":"%s","region":%s}""".formatted(track, json(region));
    }
}
