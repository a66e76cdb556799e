package dev.ladder.profile.csvimport;

import dev.ladder.profile.Api;
import dev.ladder.profile.organisation.OrganisationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin's CSV first load: preview writes nothing, import is all or nothing. */
class CsvImportTest extends OrganisationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String HEADER =
            "username,email,displayName,jobTitle,teamId,teamName,managerUsername,deputyUsername,trackId,region,startDate";

    @Test
    void previewListsEveryRowsProblemsAndWritesNothing() {
        String s = unique("c").substring(2);
        String csv = "\uFEFF" + HEADER + "\r\n"
                + "lead-" + s + ",lead-" + s + "@example.org,\"Lee, the Lead\",Manager,team-" + s + ",\"Team " + s
                + "\",lead-" + s + ",,,europe,2020-01-01\r\n"
                + "bad-" + s + ",not-an-email,Bad Email,,team-" + s + ",,,,,,2020-01-01\r\n"
                + "late-" + s + ",,Late Start,,,,,,,,2999-01-01\r\n"
                + "lost-" + s + ",,Lost,,nowhere-" + s + ",,,,,,\r\n"
                + "lead-" + s + ",,Twice,,,,,,,,\r\n"
                + "odd-" + s + ",,Odd,,,,ghost-" + s + ",,,,\r\n";
        long employees = count("select count(*) from employee");
        long teams = count("select count(*) from team");
        long outbox = count("select count(*) from outbox_event");
        long audit = count("select count(*) from audit_entry");

        HttpResponse<String> preview = post("/api/profiles/admin/import/preview", "ada", csv);

        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(preview.body());
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("rows").asInt()).isEqualTo(6);
        assertThat(problems(report)).containsExactly(
                "3 email", "4 startDate", "5 teamName", "6 username", "7 teamId");
        assertThat(report.path("teams").values()).extracting(t -> t.path("key").asString() + " "
                + t.path("action").asString()).contains("team-" + s + " create");
        assertThat(report.path("people").values()).extracting(p -> p.path("key").asString() + " "
                + p.path("action").asString()).contains("lead-" + s + " create");
        assertThat(count("select count(*) from employee")).isEqualTo(employees);
        assertThat(count("select count(*) from team")).isEqualTo(teams);
        assertThat(count("select count(*) from outbox_event")).isEqualTo(outbox);
        assertThat(count("select count(*) from audit_entry")).isEqualTo(audit);
    }

    @Test
    void importCreatesTeamsThenPeopleWithManagersFromTheSameFile() {
        String s = unique("i").substring(2);
        String existing = unique("known");
        String existingId = provision(existing, existing + "@example.org", null).path("id").asString();
        String csv = HEADER + "\n"
                + "rep-" + s + ",rep-" + s + "@example.org,Rita Report,Analyst,sec-" + s + ",Security " + s
                + ",boss-" + s + "," + existing + ",,europe,2021-03-01\n"
                + "boss-" + s + ",boss-" + s + "@example.org,Bo Boss,Head,,,,,,,\n"
                + existing + ",,,Senior Engineer,sec-" + s + ",,,,,,\n";

        HttpResponse<String> preview = post("/api/profiles/admin/import/preview", "ada", csv);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(JSON.readTree(preview.body()).path("valid").asBoolean()).as(preview.body()).isTrue();
        assertThat(count("select count(*) from team where id = 'sec-" + s + "'")).isZero();

        long outbox = count("select count(*) from outbox_event");
        HttpResponse<String> imported = post("/api/profiles/admin/import", "ada", csv);

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(imported.body());
        assertThat(report.path("people").values()).extracting(p -> p.path("action").asString())
                .containsExactly("create", "create", "update");
        String boss = id("boss-" + s);
        assertThat(jdbc.sql("select manager_id from team where id = :id").param("id", "sec-" + s)
                .query(String.class).single()).isEqualTo(boss);
        assertThat(jdbc.sql("select deputy_id from team where id = :id").param("id", "sec-" + s)
                .query(String.class).single()).isEqualTo(existingId);
        assertThat(jdbc.sql("select team_id from employee where id = :id").param("id", id("rep-" + s))
                .query(String.class).single()).isEqualTo("sec-" + s);
        assertThat(jdbc.sql("select job_title from employee where id = :id").param("id", existingId)
                .query(String.class).single()).isEqualTo("Senior Engineer");
        assertThat(jdbc.sql("select display_name from employee where id = :id").param("id", existingId)
                .query(String.class).single()).isEqualTo("Person " + existing);
        // announced: two provisioned, one updated, the team's members again for the new leaders
        assertThat(count("select count(*) from outbox_event")).isGreaterThanOrEqualTo(outbox + 3);
        assertThat(count("select count(*) from audit_entry where action = 'team.created' and team_id = 'sec-" + s
                + "'")).isEqualTo(1);
    }

    @Test
    void aBadFileIsRefusedWith422AndNothingIsWritten() {
        String s = unique("b").substring(2);
        long employees = count("select count(*) from employee");
        long outbox = count("select count(*) from outbox_event");
        // every row is fine on its own, but the track is unknown to the organisation's service
        String csv = HEADER + "\n"
                + "ok-" + s + ",,Okay,,new-" + s + ",New " + s + ",,,,,\n"
                + "track-" + s + ",,Tracked,,,,,,no-such-track,,\n";

        HttpResponse<String> imported = post("/api/profiles/admin/import", "ada", csv);

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(422);
        JsonNode problem = JSON.readTree(imported.body());
        assertThat(problem.path("problems").values()).extracting(p -> p.path("row").asInt() + " "
                + p.path("column").asString()).containsExactly("3 trackId");
        assertThat(count("select count(*) from employee")).isEqualTo(employees);
        assertThat(count("select count(*) from team where id = 'new-" + s + "'")).isZero();
        assertThat(count("select count(*) from outbox_event")).isEqualTo(outbox);

        HttpResponse<String> garbage = post("/api/profiles/admin/import", "ada", "who,what\n1,2\n");
        assertThat(garbage.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(garbage.body()).path("problems").values()).extracting(p -> p.path("row").asInt())
                .containsOnly(1);
    }

    @Test
    void onlyAdminsImportAndLargeFilesAreRefused() {
        assertThat(post("/api/profiles/admin/import/preview", "alice", HEADER + "\n").statusCode()).isEqualTo(403);
        String big = HEADER + "\n" + ("x".repeat(1000) + "\n").repeat(1100);
        assertThat(post("/api/profiles/admin/import/preview", "ada", big).statusCode()).isEqualTo(413);
    }

    private String id(String username) {
        return jdbc.sql("select id from employee where username = :u").param("u", username)
                .query(String.class).single();
    }

    private static List<String> problems(JsonNode report) {
        return report.path("problems").values().stream()
                .map(p -> p.path("row").asInt() + " " + p.path("column").asString()).toList();
    }

    private HttpResponse<String> post(String path, String user, String csv) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + Api.token(user))
                    .header("Content-Type", "text/csv; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
