package dev.ladder.notification.webhook;

import com.standardwebhooks.Webhook;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.keycloak.DemoUsers;
import dev.ladder.notification.DeliveryTestContext;
import dev.ladder.notification.delivery.DeliveryLog;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.notification.delivery.OutboundMessage;
import dev.ladder.notification.delivery.SendOutcome;
import dev.ladder.notification.people.People;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The webhook API, routing and endpoint health against real PostgreSQL, Kafka and Keycloak, with a real HTTP receiver.
 * Who manages which team comes from EmployeeUpdated events: Mark (employee id ≠ his subject) manages {@code team},
 * Bob deputises for {@code otherTeam}; Alice manages nobody; Ada is an admin. The delivery tests' shared context.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookApiTest extends DeliveryTestContext {

    private static final String BASE = "/api/notifications/webhooks";

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WebhookTransport transport;
    @Autowired
    WebhookRouting routing;
    @Autowired
    WebhookRepository repository;
    @Autowired
    People people;
    @Autowired
    TransactionOperations tx;
    @Autowired
    WebhookProperties properties;
    @Autowired
    DeliveryLog deliveryLog;

    RestTestClient http;
    final Receiver receiver = new Receiver();
    final Map<String, String> tokens = new ConcurrentHashMap<>();

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String team = "hooks-" + suffix;
    final String otherTeam = "other-" + suffix;
    /** Mark's employee id: not his subject. */
    final String mark = "mark-" + UUID.randomUUID();
    final String bob = "bob-" + UUID.randomUUID();

    @BeforeAll
    void organisation() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        List<RecordMetadata> sent = new ArrayList<>();
        sent.add(person(mark, DemoUsers.MARK.id(), "Mark Meyer", "leads-" + suffix, null, null));
        sent.add(person(bob, DemoUsers.BOB.id(), "Bob Berg", "leads-" + suffix, null, null));
        sent.add(person("member-" + UUID.randomUUID(), null, "Mia Member", team, mark, null));
        sent.add(person("member-" + UUID.randomUUID(), null, "Otto Other", otherTeam, "boss-" + suffix, bob));
        LadderInfra.awaitConsumed(GROUP, sent);
    }

    @AfterAll
    void stop() {
        receiver.close();
    }

    // --- registration and who may do it

    @Test
    void aManagerRegistersForTheirTeamAndSeesTheSecretOnlyOnce() {
        EntityExchangeResult<Map> created = call(HttpMethod.POST, "mark", BASE,
                request(receiver.url("/hook"), "SLACK", List.of("CLAIM_PENDING", "REPORT_ADVANCED", "CLAIM_PENDING"),
                        team, "Team chat"));

        assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> body = created.getResponseBody();
        String id = (String) body.get("id");
        assertThat(created.getResponseHeaders().getLocation()).hasToString(BASE + "/" + id);
        assertThat((String) body.get("secret")).startsWith("whsec_");
        assertThat(body).containsEntry("teamId", team).containsEntry("format", "SLACK")
                .containsEntry("kinds", List.of("CLAIM_PENDING", "REPORT_ADVANCED"))
                .containsEntry("description", "Team chat").containsEntry("ownerId", mark)
                .containsEntry("enabled", true).containsEntry("failingSince", null);

        Map<String, Object> read = ok(HttpMethod.GET, "mark", BASE + "/" + id);
        assertThat(read).doesNotContainKey("secret").containsEntry("id", id);
        assertThat(ids(ok(HttpMethod.GET, "mark", BASE))).contains(id);
        assertThat(ids(ok(HttpMethod.GET, "ada", BASE + "?teamId=" + team))).contains(id);
        assertThat(ok(HttpMethod.GET, "ada", BASE + "/" + id)).doesNotContainKey("secret");
        assertThat(ids(ok(HttpMethod.GET, "bob", BASE))).doesNotContain(id);
        assertThat(jdbc.sql("SELECT secret FROM webhook_endpoint WHERE id = :id").param("id", UUID.fromString(id))
                .query(String.class).single()).isEqualTo(body.get("secret"));
    }

    @Test
    void aDeputyManagesTheirTeamButNotAnotherOne() {
        assertThat(call(HttpMethod.POST, "bob", BASE, request(receiver.url("/b"), "JSON", List.of("CLAIM_PENDING"),
                otherTeam, null)).getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(call(HttpMethod.POST, "bob", BASE, request(receiver.url("/b"), "JSON", List.of("CLAIM_PENDING"),
                team, null)).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void registeringForATeamOneDoesNotManageOrForTheOrganisationIsForbidden() {
        long before = count();

        for (var attempt : List.of(
                Map.entry("mark", request(receiver.url("/x"), "JSON", List.of("CLAIM_PENDING"), otherTeam, null)),
                Map.entry("alice", request(receiver.url("/x"), "JSON", List.of("CLAIM_PENDING"), team, null)),
                Map.entry("alice", request(receiver.url("/x"), "JSON", List.of("CATALOG_REEVALUATED"), null, null)),
                Map.entry("mark", request(receiver.url("/x"), "JSON", List.of("CATALOG_REEVALUATED"), null, null)))) {
            EntityExchangeResult<Map> answer = call(HttpMethod.POST, attempt.getKey(), BASE, attempt.getValue());
            assertThat(answer.getStatus()).as(attempt.toString()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anAdminRegistersForAnyTeamAndForTheOrganisation() {
        assertThat(call(HttpMethod.POST, "ada", BASE, request(receiver.url("/a"), "TEAMS",
                List.of("TEAM_WEEKLY_SUMMARY"), "any-team-" + suffix, null)).getStatus())
                .isEqualTo(HttpStatus.CREATED);
        EntityExchangeResult<Map> org = call(HttpMethod.POST, "ada", BASE, request(receiver.url("/a"), "JSON",
                List.of("CATALOG_REEVALUATED"), null, "Organisation"));
        assertThat(org.getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(org.getResponseBody()).containsEntry("teamId", null);
    }

    // --- validation

    @Test
    void malformedRequestsAre400ListingEveryFieldAndChangeNothing() {
        long before = count();
        Map<String, Object> bad = new HashMap<>();
        bad.put("url", "");
        bad.put("format", "XML");
        bad.put("kinds", List.of());
        bad.put("teamId", team);
        bad.put("description", "d".repeat(201));

        EntityExchangeResult<Map> answer = call(HttpMethod.POST, "mark", BASE, bad);

        assertThat(answer.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(fields(answer)).contains("url", "format", "kinds", "description");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void requestsThatCannotBeCarriedOutAre422ListingEveryFieldAndChangeNothing() {
        long before = count();

        EntityExchangeResult<Map> answer = call(HttpMethod.POST, "mark", BASE, request("ftp://example.com/hook",
                "JSON", List.of("NO_SUCH_KIND", "LEVEL_ADVANCED", "CATALOG_REEVALUATED", "CLAIM_PENDING"), team, null));

        assertThat(answer.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(fields(answer)).containsExactly("url", "kinds[0]", "kinds[1]", "kinds[2]");

        assertThat(fields(call(HttpMethod.POST, "ada", BASE, request("https://user:pw@example.com/hook", "JSON",
                List.of("CLAIM_PENDING"), null, null)))).containsExactly("url", "kinds[0]");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void withTheGuardOnAPrivateAddressIsRefusedOnTheUrlField() {
        WebhookEndpoints guarded = new WebhookEndpoints(repository, people, new WebhookUrlGuard(false), tx,
                deliveryLog, properties);
        Caller ada = new Caller(DemoUsers.ADA.id(), "ada", "Ada Admin", null, Set.of("employee", "admin"));
        long before = count();

        assertThatThrownBy(() -> guarded.register(ada, new WebhookRequest("http://127.0.0.1:9/hook", "JSON",
                List.of("CLAIM_PENDING"), team, null)))
                .isInstanceOfSatisfying(UnprocessableException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo("url");
                            assertThat(p.message()).contains("private or local address");
                        }));
        assertThat(count()).isEqualTo(before);
    }

    // --- one endpoint: read, change, rotate, delete

    @Test
    void anUnknownIdAndSomeoneElsesIdAnswerAlike() {
        String id = register("mark", "/mine", "JSON");
        String unknown = UUID.randomUUID().toString();

        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PATCH, HttpMethod.DELETE)) {
            Map<String, Object> foreign = problem(method, "bob", BASE + "/" + id, HttpStatus.NOT_FOUND);
            Map<String, Object> missing = problem(method, "bob", BASE + "/" + unknown, HttpStatus.NOT_FOUND);
            assertThat(foreign.get("detail")).isEqualTo(((String) missing.get("detail")).replace(unknown, id));
            assertThat(foreign.keySet()).isEqualTo(missing.keySet());
        }
        problem(HttpMethod.POST, "bob", BASE + "/" + id + "/secret/rotate", HttpStatus.NOT_FOUND);
        problem(HttpMethod.GET, "bob", BASE + "/" + id + "/deliveries", HttpStatus.NOT_FOUND);
        problem(HttpMethod.GET, "alice", BASE + "/" + id, HttpStatus.NOT_FOUND);
        problem(HttpMethod.GET, "mark", BASE + "/not-a-uuid", HttpStatus.NOT_FOUND);
        // and nothing happened to it
        assertThat(ok(HttpMethod.GET, "mark", BASE + "/" + id)).containsEntry("enabled", true);
    }

    @Test
    void patchChangesWhatIsGivenAndKeepsTheRest() {
        String id = register("mark", "/patch", "SLACK");

        Map<String, Object> changed = ok(HttpMethod.PATCH, "mark", BASE + "/" + id,
                Map.of("format", "TEAMS", "kinds", List.of("TEAM_WEEKLY_SUMMARY"), "description", "Weekly"));
        assertThat(changed).containsEntry("format", "TEAMS").containsEntry("kinds", List.of("TEAM_WEEKLY_SUMMARY"))
                .containsEntry("description", "Weekly").containsEntry("url", receiver.url("/patch"))
                .doesNotContainKey("secret");

        EntityExchangeResult<Map> bad = call(HttpMethod.PATCH, "mark", BASE + "/" + id,
                Map.of("url", "gopher://example.com", "kinds", List.of("CLAIM_VERIFIED")));
        assertThat(bad.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(fields(bad)).containsExactly("url", "kinds[0]");
        assertThat(call(HttpMethod.PATCH, "mark", BASE + "/" + id, Map.of("kinds", List.of())).getStatus())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        Map<String, Object> off = ok(HttpMethod.PATCH, "mark", BASE + "/" + id,
                Map.of("enabled", false, "description", ""));
        assertThat(off).containsEntry("enabled", false).containsEntry("description", null)
                .containsEntry("format", "TEAMS");
        assertThat((String) off.get("disabledReason")).contains("Switched off");
        assertThat(routing.endpointsFor(team, "TEAM_WEEKLY_SUMMARY")).doesNotContain(id);

        Map<String, Object> on = ok(HttpMethod.PATCH, "mark", BASE + "/" + id, Map.of("enabled", true));
        assertThat(on).containsEntry("enabled", true).containsEntry("disabledReason", null)
                .containsEntry("disabledAt", null).containsEntry("failingSince", null);
        assertThat(routing.endpointsFor(team, "TEAM_WEEKLY_SUMMARY")).contains(id);
    }

    @Test
    void aRotatedSecretIsShownOnceAndBothSignDuringTheOverlap() {
        Map<String, Object> created = created("mark", request(receiver.url("/rotate"), "JSON",
                List.of("CLAIM_PENDING"), team, null));
        String id = (String) created.get("id");
        String old = (String) created.get("secret");

        Map<String, Object> rotated = ok(HttpMethod.POST, "mark", BASE + "/" + id + "/secret/rotate");
        String current = (String) rotated.get("secret");
        assertThat(current).startsWith("whsec_").isNotEqualTo(old);
        assertThat(Instant.parse((String) rotated.get("previousSecretValidUntil")))
                .isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(Duration.ofMinutes(1)));
        assertThat(ok(HttpMethod.GET, "mark", BASE + "/" + id)).doesNotContainKey("secret")
                .containsKey("previousSecretValidUntil");

        OutboundMessage message = Messages.single(id);
        assertThat(transport.send(message)).isEqualTo(new SendOutcome.Delivered(200));
        Receiver.Request request = receiver.take();
        assertThat(request.path()).isEqualTo("/rotate");
        assertThat(request.header("webhook-id")).isEqualTo(message.id().toString());
        assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
        for (String secret : List.of(old, current)) {
            assertThatCode(() -> new Webhook(secret).verify(request.body(), request.headers()))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aDeletedEndpointIsGoneAndNothingIsSentToIt() {
        String id = register("mark", "/deleted", "JSON");

        assertThat(call(HttpMethod.DELETE, "mark", BASE + "/" + id, null).getStatus())
                .isEqualTo(HttpStatus.NO_CONTENT);

        problem(HttpMethod.GET, "mark", BASE + "/" + id, HttpStatus.NOT_FOUND);
        problem(HttpMethod.DELETE, "mark", BASE + "/" + id, HttpStatus.NOT_FOUND);
        assertThat(transport.send(Messages.single(id))).isInstanceOf(SendOutcome.Failed.class);
        assertThat(receiver.drain()).noneMatch(r -> r.path().equals("/deleted"));
        assertThat(routing.endpointsFor(team, "CLAIM_PENDING")).doesNotContain(id);
    }

    // --- lists

    @Test
    void listsArePagedUpToTwoHundred() {
        register("mark", "/p1", "JSON");
        register("mark", "/p2", "JSON");

        Map<String, Object> page = ok(HttpMethod.GET, "mark", BASE + "?size=1&page=1");
        assertThat(page).containsEntry("page", 1).containsEntry("size", 1);
        assertThat((List<?>) page.get("items")).hasSize(1);
        assertThat(((Number) page.get("total")).longValue()).isGreaterThanOrEqualTo(2);
        assertThat(call(HttpMethod.GET, "mark", BASE + "?size=200", null).getStatus()).isEqualTo(HttpStatus.OK);

        for (String query : List.of("?size=201", "?size=0", "?page=-1")) {
            EntityExchangeResult<Map> bad = call(HttpMethod.GET, "mark", BASE + query, null);
            assertThat(bad.getStatus()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(bad.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        String id = register("mark", "/p3", "JSON");
        assertThat(call(HttpMethod.GET, "mark", BASE + "/" + id + "/deliveries?size=201", null).getStatus())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void theDeliveryLogListsEachRequestNewestFirstWithItsAttempts() {
        String id = register("mark", "/log", "JSON");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID older = outbound(id, "SENT", t.minusSeconds(60), 2, 200, null, List.of("First", "Second"));
        attempt(older, 1, t.minusSeconds(59), "RETRY", 500, "HTTP 500", t.minusSeconds(54));
        attempt(older, 2, t.minusSeconds(54), "DELIVERED", 200, null, null);
        UUID newer = outbound(id, "RETRY", t, 1, 503, "HTTP 503", List.of("Third"));
        attempt(newer, 1, t, "RETRY", 503, "HTTP 503", t.plusSeconds(5));

        Map<String, Object> log = ok(HttpMethod.GET, "mark", BASE + "/" + id + "/deliveries");

        assertThat(log).containsEntry("total", 2);
        List<Map<String, Object>> items = list(log);
        assertThat(items).extracting(m -> m.get("id")).containsExactly(newer.toString(), older.toString());
        assertThat(items.get(0)).containsEntry("status", "RETRY").containsEntry("attempts", 1)
                .containsEntry("lastStatus", 503).containsEntry("lastError", "HTTP 503")
                .containsEntry("itemCount", 1).containsEntry("titles", List.of("Third"));
        assertThat(items.get(0).get("nextAttemptAt")).isNotNull();
        assertThat(items.get(1)).containsEntry("status", "SENT").containsEntry("itemCount", 2)
                .containsEntry("titles", List.of("First", "Second")).containsEntry("nextAttemptAt", null);
        assertThat(items.get(1).get("sentAt")).isNotNull();
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) items.get(1).get("attemptLog");
        assertThat(attempts).extracting(a -> a.get("outcome")).containsExactly("RETRY", "DELIVERED");
        assertThat(attempts.get(0)).containsEntry("statusCode", 500).containsEntry("error", "HTTP 500");

        Map<String, Object> second = ok(HttpMethod.GET, "ada", BASE + "/" + id + "/deliveries?page=1&size=1");
        assertThat(list(second)).extracting(m -> m.get("id")).containsExactly(older.toString());
    }

    // --- routing and health

    @Test
    void routingFindsTheTeamsEnabledEndpointsForTheKindAndTheOrganisationsForAdminNews() {
        String teams = register("mark", "/route", "SLACK");
        String org = (String) created("ada", request(receiver.url("/route-org"), "JSON",
                List.of("CATALOG_REEVALUATED"), null, null)).get("id");

        assertThat(routing.endpointsFor(team, "CLAIM_PENDING")).contains(teams).doesNotContain(org);
        assertThat(routing.endpointsFor(team, "REPORT_ADVANCED")).doesNotContain(teams);
        assertThat(routing.endpointsFor(otherTeam, "CLAIM_PENDING")).doesNotContain(teams);
        assertThat(routing.endpointsFor(team, "CATALOG_REEVALUATED")).contains(org).doesNotContain(teams);
        assertThat(routing.endpointsFor(null, "CATALOG_REEVALUATED")).contains(org);
        assertThat(routing.endpointsFor(team, "SKILL_SELF_ASSESSED")).isEmpty();
        assertThat(routing.endpointsFor(team, "NO_SUCH_KIND")).isEmpty();
    }

    @Test
    void goneDisablesTheEndpointAndTellsItsOwner() {
        receiver.answer("/gone", Receiver.Answer.status(410));
        String id = (String) created("mark", request(receiver.url("/gone"), "JSON", List.of("CLAIM_PENDING"), team,
                "Gone chat")).get("id");
        OutboundMessage message = Messages.single(id);

        SendOutcome outcome = transport.send(message);
        assertThat(outcome).isInstanceOf(SendOutcome.Gone.class);
        transport.settled(message, outcome, true);

        Map<String, Object> endpoint = ok(HttpMethod.GET, "mark", BASE + "/" + id);
        assertThat(endpoint).containsEntry("enabled", false);
        assertThat((String) endpoint.get("disabledReason")).contains("410");
        assertThat(endpoint.get("disabledAt")).isNotNull();
        List<Map<String, Object>> told = disabledNotices(id);
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n).containsEntry("employee_id", mark).containsEntry("kind", "WEBHOOK_DISABLED")
                    .containsEntry("link", "#/settings/webhooks");
            assertThat((String) n.get("title")).contains("Gone chat");
        });
        assertThat(routing.endpointsFor(team, "CLAIM_PENDING")).doesNotContain(id);
        assertThat(transport.send(Messages.single(id))).isInstanceOf(SendOutcome.Failed.class);

        // settling again (a redelivered outcome) tells nobody twice
        transport.settled(message, outcome, true);
        assertThat(disabledNotices(id)).hasSize(1);
    }

    @Test
    void failuresStartARunThatASuccessEndsAndThatDisablesWhenItLastsTooLong() {
        String id = register("mark", "/flaky", "JSON");
        OutboundMessage message = Messages.single(id);
        SendOutcome.Retry retry = new SendOutcome.Retry(500, "HTTP 500", null);

        transport.settled(message, retry, false);
        Instant since = failingSince(id);
        assertThat(since).isNotNull();
        transport.settled(message, retry, false);
        assertThat(failingSince(id)).isEqualTo(since);
        transport.settled(message, new SendOutcome.Delivered(200), false);
        assertThat(failingSince(id)).isNull();

        transport.settled(message, retry, false);
        jdbc.sql("UPDATE webhook_endpoint SET failing_since = :t WHERE id = :id")
                .param("t", Timestamp.from(Instant.now().minus(properties.disableAfter()).minusSeconds(60)))
                .param("id", UUID.fromString(id)).update();
        transport.settled(message, retry, false);

        Map<String, Object> endpoint = ok(HttpMethod.GET, "mark", BASE + "/" + id);
        assertThat(endpoint).containsEntry("enabled", false);
        assertThat((String) endpoint.get("disabledReason")).contains("failed since").contains("HTTP 500");
        assertThat(disabledNotices(id)).hasSize(1);

        // enabled again: healthy, and the next disabling is news again
        ok(HttpMethod.PATCH, "mark", BASE + "/" + id, Map.of("enabled", true));
        assertThat(failingSince(id)).isNull();
        transport.settled(message, retry, true);
        assertThat(ok(HttpMethod.GET, "mark", BASE + "/" + id)).containsEntry("enabled", false);
        assertThat(disabledNotices(id)).hasSize(2);
    }

    @Test
    void withoutATokenIs401() {
        assertThat(http.get().uri(BASE).exchange().returnResult(Map.class).getStatus())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.post().uri(BASE).contentType(MediaType.APPLICATION_JSON).body(Map.of()).exchange()
                .returnResult(Map.class).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void publishesTheApiInOpenApi() {
        http.get().uri("/v3/api-docs").header("Authorization", "Bearer " + token("ada")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['" + BASE + "'].post").exists()
                .jsonPath("$.paths['" + BASE + "/{id}'].patch").exists()
                .jsonPath("$.paths['" + BASE + "/{id}/secret/rotate'].post").exists()
                .jsonPath("$.paths['" + BASE + "/{id}/deliveries'].get").exists();
    }

    // --- helpers

    private static Map<String, Object> request(String url, String format, List<String> kinds, String teamId,
                                               String description) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("url", url);
        request.put("format", format);
        request.put("kinds", kinds);
        request.put("teamId", teamId);
        request.put("description", description);
        return request;
    }

    private String register(String user, String path, String format) {
        return (String) created(user, request(receiver.url(path), format, List.of("CLAIM_PENDING"), team, null))
                .get("id");
    }

    private Map<String, Object> created(String user, Map<String, Object> request) {
        EntityExchangeResult<Map> answer = call(HttpMethod.POST, user, BASE, request);
        assertThat(answer.getStatus()).as("%s", answer.getResponseBody()).isEqualTo(HttpStatus.CREATED);
        return answer.getResponseBody();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private EntityExchangeResult<Map> call(HttpMethod method, String user, String uri, Object body) {
        var spec = http.method(method).uri(uri).header("Authorization", "Bearer " + token(user));
        if (body != null) {
            return spec.contentType(MediaType.APPLICATION_JSON).body(body).exchange().returnResult(Map.class);
        }
        return spec.exchange().returnResult(Map.class);
    }

    private Map<String, Object> ok(HttpMethod method, String user, String uri) {
        return ok(method, user, uri, null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ok(HttpMethod method, String user, String uri, Object body) {
        EntityExchangeResult<Map> answer = call(method, user, uri, body);
        assertThat(answer.getStatus()).as("%s %s: %s", method, uri, answer.getResponseBody())
                .isEqualTo(HttpStatus.OK);
        return answer.getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> problem(HttpMethod method, String user, String uri, HttpStatus status) {
        EntityExchangeResult<Map> answer = call(method, user, uri, method == HttpMethod.PATCH
                ? Map.of("description", "x") : null);
        assertThat(answer.getStatus()).as("%s %s", method, uri).isEqualTo(status);
        assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return answer.getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(EntityExchangeResult<Map> answer) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) answer.getResponseBody().get("errors");
        assertThat(errors).as("%s", answer.getResponseBody()).isNotNull();
        return errors.stream().map(e -> (String) e.get("field")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static List<Object> ids(Map<String, Object> page) {
        return list(page).stream().map(m -> m.get("id")).toList();
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM webhook_endpoint").query(Long.class).single();
    }

    private Instant failingSince(String id) {
        Timestamp since = jdbc.sql("SELECT failing_since FROM webhook_endpoint WHERE id = :id")
                .param("id", UUID.fromString(id)).query((rs, row) -> rs.getTimestamp(1)).list().get(0);
        return since == null ? null : since.toInstant();
    }

    private List<Map<String, Object>> disabledNotices(String endpointId) {
        return jdbc.sql("SELECT * FROM notification WHERE id LIKE :prefix ORDER BY created_at")
                .param("prefix", "WEBHOOK_DISABLED:" + endpointId + ":%")
                .query().listOfRows();
    }

    private UUID outbound(String endpointId, String status, Instant createdAt, int attempts, Integer lastStatus,
                          String lastError, List<String> titles) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO outbound_message (id, channel, target, grouping, status, created_at,
                                                      next_attempt_at, attempts, sent_at, last_status, last_error)
                        VALUES (:id, 'WEBHOOK', :target, 'NOW', :status, :createdAt, :next, :attempts, :sentAt,
                                :lastStatus, :lastError)""")
                .param("id", id).param("target", endpointId).param("status", status)
                .param("createdAt", Timestamp.from(createdAt))
                .param("next", Timestamp.from(createdAt.plusSeconds(5)))
                .param("attempts", attempts)
                .param("sentAt", status.equals("SENT") ? Timestamp.from(createdAt.plusSeconds(6)) : null)
                .param("lastStatus", lastStatus).param("lastError", lastError)
                .update();
        for (int i = 0; i < titles.size(); i++) {
            jdbc.sql("""
                            INSERT INTO outbound_item (channel, target, notification_key, message_id, kind, title,
                                                       message, link, created_at)
                            VALUES ('WEBHOOK', :target, :key, :message, 'CLAIM_PENDING', :title, 'text',
                                    '#/verification', :createdAt)""")
                    .param("target", endpointId).param("key", UUID.randomUUID().toString()).param("message", id)
                    .param("title", titles.get(i)).param("createdAt", Timestamp.from(createdAt.plusMillis(i)))
                    .update();
        }
        return id;
    }

    private void attempt(UUID message, int attempt, Instant at, String outcome, Integer status, String error,
                         Instant next) {
        jdbc.sql("""
                        INSERT INTO delivery_attempt (message_id, attempt, started_at, finished_at, outcome,
                                                      status_code, error, next_attempt_at)
                        VALUES (:message, :attempt, :at, :at, :outcome, :status, :error, :next)""")
                .param("message", message).param("attempt", attempt).param("at", Timestamp.from(at))
                .param("outcome", outcome).param("status", status).param("error", error)
                .param("next", next == null ? null : Timestamp.from(next))
                .update();
    }

    private String token(String user) {
        return tokens.computeIfAbsent(user, LadderInfra::accessToken);
    }

    private RecordMetadata person(String employeeId, String subject, String name, String teamId, String managerId,
                                  String deputyId) {
        EmployeeUpdated event = new EmployeeUpdated(employeeId, name, null, teamId, "Team " + teamId, managerId,
                null, null, null, Instant.now(), subject, null, deputyId, true);
        String payload = json.writeValueAsString(event);
        CloudEventRecord record = CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, employeeId, payload)
                .id(UUID.randomUUID().toString());
        return LadderInfra.send(record.topic(), record.key(), record.headerMap(), payload);
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toSeconds(), ChronoUnit.SECONDS);
    }
}
