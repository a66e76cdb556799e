package dev.ladder.notification.inapp;

import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.keycloak.KeycloakAdmin;
import dev.ladder.keycloak.KeycloakAdmin.NewAccount;
import dev.ladder.keycloak.TokenClient;
import dev.ladder.notification.inapp.SseClient.Event;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live feed over real HTTP (the JDK's HttpClient reading {@code text/event-stream} line by line, as a browser's
 * EventSource does) with real Keycloak tokens, milestones arriving over Kafka, against real PostgreSQL: events
 * arrive as they commit, a resume gets exactly what was missed, unread counts follow reads from anywhere, nobody
 * sees another's feed, and the paged feed API.
 * <p>
 * Each test signs in as people of its own: fresh Keycloak accounts, whose employee id is their subject (nobody has
 * told this service otherwise), so their feeds start empty whatever else this broker carries, and nothing here
 * changes who the demo users are for the other tests on the same broker. This context has a consumer group of its
 * own, a short heartbeat, a small backlog limit and few streams per person, and is closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ladder.notification.sse.heartbeat=1s",
        "ladder.notification.sse.backlog-limit=5",
        "ladder.notification.sse.max-per-person=3",
        "ladder.notification.sse.listen-retry=200ms"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveFeedTest {

    private static final String GROUP = "notification-live-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "notification");
        registry.add("ladder.notification.consumer-group", () -> GROUP);
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    LiveFeed live;
    @Autowired
    JdbcClient jdbc;

    RestTestClient http;
    final List<SseClient> streams = new ArrayList<>();

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(SseClient::close);
        streams.clear();
    }

    @Test
    void aMilestoneArrivesLiveAndAResumeGetsExactlyWhatWasMissed() {
        Person me = person("live");
        SseClient first = stream(me, null);
        assertThat(first.contentType()).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
        assertUnread(first.nextEvent(WAIT), "0", 0);
        SseClient second = stream(me, null);
        assertUnread(second.nextEvent(WAIT), "0", 0);

        String m1 = milestone(me, 25);
        for (SseClient stream : List.of(first, second)) {
            JsonNode item = assertNotification(stream.nextEvent(WAIT), 1, m1);
            assertThat(item.path("kind").asString()).isEqualTo("READINESS_THRESHOLD_CROSSED");
            assertThat(item.path("title").asString()).isEqualTo("25% ready for Mid-Level");
            assertThat(item.path("read").asBoolean()).isFalse();
            assertThat(item.path("link").asString()).isEqualTo("#/progress");
            assertUnread(stream.nextEvent(WAIT), "1", 1);
        }

        // the second goes away after seq 1 (noticed at a heartbeat); three more arrive meanwhile
        second.close();
        await().atMost(WAIT).until(() -> live.openStreams(me.id()) == 1);
        String m2 = milestone(me, 26);
        String m3 = milestone(me, 27);
        String m4 = milestone(me, 28);
        assertNotifications(first, List.of(m2, m3, m4), 2);

        // its resume (Last-Event-ID, as EventSource sends it) gets exactly 2, 3, 4 — then only what is new
        SseClient resumed = stream(me, "1");
        assertUnread(resumed.nextEvent(WAIT), "1", 4);
        assertNotifications(resumed, List.of(m2, m3, m4), 2);
        // ?lastEventId= is the same for clients that cannot set the header
        SseClient byParameter = streamAt("/api/notifications/me/stream?lastEventId=3", me, null);
        assertUnread(byParameter.nextEvent(WAIT), "3", 4);
        assertNotifications(byParameter, List.of(m4), 4);

        // the same milestone again under a new ce_id: nothing new, and the sequence does not move
        resend(me, m3, 27);
        String m5 = milestone(me, 29);
        for (SseClient stream : List.of(first, resumed, byParameter)) {
            assertNotifications(stream, List.of(m5), 5);
        }
        assertThat(feed(me, "?size=200").stream().map(n -> n.get("id")).toList())
                .containsExactly(m5, m4, m3, m2, m1);
        assertNothingElseBefore(sentinel(me), 6, first, resumed, byParameter);
    }

    @Test
    void unreadCountsFollowReadsFromAnywhere() {
        Person me = person("live");
        SseClient tab = stream(me, null);
        SseClient otherTab = stream(me, null);
        assertUnread(tab.nextEvent(WAIT), "0", 0);
        assertUnread(otherTab.nextEvent(WAIT), "0", 0);
        String m1 = milestone(me, 30);
        String m2 = milestone(me, 31);
        for (SseClient stream : List.of(tab, otherTab)) {
            assertNotifications(stream, List.of(m1, m2), 1);
        }

        markRead(me, m1);
        for (SseClient stream : List.of(tab, otherTab)) {
            awaitUnread(stream, 1);
        }
        http.post().uri("/api/notifications/me/read-all").header("Authorization", bearer(me)).exchange()
                .expectStatus().isNoContent();
        for (SseClient stream : List.of(tab, otherTab)) {
            awaitUnread(stream, 0);
        }
        assertThat(unreadCount(me)).isZero();

        // "read up to what I have seen": a newer one stays unread
        String m3 = milestone(me, 32);
        String m4 = milestone(me, 33);
        for (SseClient stream : List.of(tab, otherTab)) {
            assertNotifications(stream, List.of(m3, m4), 3);
        }
        http.post().uri("/api/notifications/me/read-all?upTo=3").header("Authorization", bearer(me)).exchange()
                .expectStatus().isNoContent();
        for (SseClient stream : List.of(tab, otherTab)) {
            awaitUnread(stream, 1);
        }
        assertThat(unreadCount(me)).isEqualTo(1);
        assertThat(feed(me, "?unread=true").stream().map(n -> n.get("id")).toList()).containsExactly(m4);
        assertNothingElseBefore(sentinel(me), 5, tab, otherTab);
    }

    @Test
    void nobodySeesAnothersFeed() {
        Person alice = person("alice");
        Person bob = person("bob");
        SseClient bobs = stream(bob, null);
        assertUnread(bobs.nextEvent(WAIT), "0", 0);
        SseClient alices = stream(alice, null);
        assertUnread(alices.nextEvent(WAIT), "0", 0);

        String hers = milestone(alice, 40);
        assertNotifications(alices, List.of(hers), 1);
        String his = milestone(bob, 41);
        // the first thing bob's stream hears is his own
        assertNotifications(bobs, List.of(his), 1);
        assertThat(feed(bob, "")).extracting(n -> n.get("id")).containsExactly(his);

        // bob cannot touch hers, and cannot tell it from one that does not exist
        String unknown = alice.id() + ":READINESS_THRESHOLD_CROSSED:mid:" + UUID.randomUUID();
        assertThat(notFound(bob, hers).replace(hers, "<id>").replace(encoded(hers), "<id>"))
                .isEqualTo(notFound(bob, unknown).replace(unknown, "<id>").replace(encoded(unknown), "<id>"));
        assertNothingElseBefore(sentinel(bob), 2, bobs);
        assertNothingElseBefore(sentinel(alice), 2, alices);
    }

    @Test
    void aResumeTooFarBackIsToldToReload() {
        Person me = person("live");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(milestone(me, 50 + i));
        }
        await().atMost(WAIT).until(() -> feed(me, "").size() == 7);

        // 7 missed, the backlog limit is 5: start at the newest and reload the list
        SseClient behind = stream(me, "0");
        assertUnread(behind.nextEvent(WAIT), "7", 7);
        Event reset = behind.nextEvent(WAIT);
        assertThat(reset.name()).isEqualTo("reset");
        assertThat(reset.id()).isEqualTo("7");
        assertThat(json.readTree(reset.data()).path("seq").asLong()).isEqualTo(7);
        // 2 missed: replayed
        SseClient near = stream(me, "5");
        assertUnread(near.nextEvent(WAIT), "5", 7);
        assertNotifications(near, ids.subList(5, 7), 6);
        // a position this feed never had (another database, a made-up id): reload too, and go on from the newest
        SseClient ahead = stream(me, "999");
        assertUnread(ahead.nextEvent(WAIT), "7", 7);
        assertThat(ahead.nextEvent(WAIT).name()).isEqualTo("reset");
        String next = milestone(me, 60);
        for (SseClient stream : List.of(behind, near, ahead)) {
            assertNotifications(stream, List.of(next), 8);
        }
        assertNothingElseBefore(sentinel(me), 9, behind, near, ahead);
    }

    /** What commits while the database listener is reconnecting still arrives: every stream catches up then. */
    @Test
    void aLostListenerConnectionIsReplacedAndNothingIsMissed() {
        Person me = person("live");
        SseClient stream = stream(me, null);
        assertUnread(stream.nextEvent(WAIT), "0", 0);

        int killed = jdbc.sql("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE application_name = :name AND datname = current_database()""")
                .param("name", FeedListener.APPLICATION_NAME)
                .query(Integer.class).single();
        assertThat(killed).isEqualTo(1);
        String during = milestone(me, 80);
        assertNotifications(stream, List.of(during), 1);
        String after = milestone(me, 81);
        assertNotifications(stream, List.of(after), 2);
        assertNothingElseBefore(sentinel(me), 3, stream);
    }

    @Test
    void streamsPerPersonAreBoundedAndIdleOnesGetHeartbeats() {
        Person mark = person("mark");
        SseClient oldest = stream(mark, null);
        assertThat(oldest.nextEvent(WAIT).name()).isEqualTo("unread");
        // a comment line while nothing happens (the heartbeat is 1 s here)
        assertThat(oldest.next(WAIT).name()).isEqualTo(SseClient.COMMENT);
        for (int i = 0; i < 2; i++) {
            assertThat(stream(mark, null).nextEvent(WAIT).name()).isEqualTo("unread");
        }
        assertThat(live.openStreams(mark.id())).isEqualTo(3);
        int open = live.openStreams();
        // the fourth closes the oldest, which is told so and ends
        SseClient fourth = stream(mark, null);
        assertThat(fourth.nextEvent(WAIT).name()).isEqualTo("unread");
        Event evicted = oldest.nextEvent(WAIT);
        assertThat(evicted.name()).isEqualTo("evicted");
        assertThat(json.readTree(evicted.data()).path("reason").asString()).contains("3 live streams");
        assertThat(oldest.nextEvent(WAIT)).isEqualTo(SseClient.END);
        assertThat(live.openStreams(mark.id())).isEqualTo(3);

        // a client that goes away is forgotten at a heartbeat
        fourth.close();
        await().atMost(WAIT).until(() -> live.openStreams(mark.id()) == 2);
        assertThat(live.openStreams()).isLessThan(open);
    }

    @Test
    void pagesAreBoundedAndFollowTheCursor() {
        Person me = person("pages");
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // oldest first on the wire and by time: newest first in the feed
            ids.add(0, milestone(me, 70 + i, now.minusSeconds(50 - i)));
        }
        await().atMost(WAIT).until(() -> feed(me, "").size() == 5);

        EntityExchangeResult<List<Map<String, Object>>> first = page(me, "?size=2");
        assertThat(first.getResponseHeaders().getFirst("X-Total-Count")).isEqualTo("5");
        assertThat(first.getResponseHeaders().getFirst("X-Unread-Count")).isEqualTo("5");
        assertThat(ids(first)).containsExactlyElementsOf(ids.subList(0, 2));
        String link = first.getResponseHeaders().getFirst(HttpHeaders.LINK);
        Object cursor = first.getResponseBody().get(1).get("seq");
        assertThat(link).contains("before=" + cursor).contains("size=2").endsWith("; rel=\"next\"");

        EntityExchangeResult<List<Map<String, Object>>> second = page(me, "?size=2&before=" + cursor);
        assertThat(ids(second)).containsExactlyElementsOf(ids.subList(2, 4));
        EntityExchangeResult<List<Map<String, Object>>> last = page(me, "?size=2&before="
                + second.getResponseBody().get(1).get("seq"));
        assertThat(ids(last)).containsExactly(ids.get(4));
        assertThat(last.getResponseHeaders().getFirst(HttpHeaders.LINK)).isNull();
        assertThat(ids(page(me, "?size=200"))).containsExactlyElementsOf(ids);
        assertThat(unreadCount(me)).isEqualTo(5);

        for (String bad : List.of("?size=0", "?size=201", "?before=-1", "?size=many")) {
            http.get().uri("/api/notifications/me" + bad).header("Authorization", bearer(me)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        http.get().uri("/api/notifications/me?size=201").header("Authorization", bearer(me)).exchange()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        http.post().uri("/api/notifications/me/read-all?upTo=-1").header("Authorization", bearer(me)).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void theStreamNeedsAToken() throws Exception {
        try (SseClient anonymous = SseClient.open(url("/api/notifications/me/stream"), Map.of())) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
        try (SseClient garbage = SseClient.open(url("/api/notifications/me/stream"),
                Map.of("Authorization", "Bearer not-a-jwt"))) {
            assertThat(garbage.status()).isEqualTo(401);
        }
        SseClient badId = SseClient.open(url("/api/notifications/me/stream"),
                Map.of("Authorization", bearer(person("anyone")), "Last-Event-ID", "yesterday"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.body()).contains("Last-Event-ID");
        http.get().uri("/api/notifications/me/unread-count").exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/notifications/me/read-all").exchange().expectStatus().isUnauthorized();
    }

    // --- helpers

    /** Someone new: a Keycloak account of their own, their employee id its subject (nobody said otherwise). */
    private Person person(String name) {
        String username = "live-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + username;
        String id = keycloak().createAccount(new NewAccount(username, username + "@ladder.local", name, "Live",
                password, List.of("employee")));
        return new Person(id, new TokenClient(LadderInfra.issuerUri()).accessToken(username, password));
    }

    /** The test Keycloak's bootstrap admin (the testkit's embedded and container Keycloaks: admin/admin). */
    private static KeycloakAdmin keycloak() {
        return new KeycloakAdmin(LadderInfra.keycloakUrl(),
                System.getProperty("ladder.test.keycloak-admin", "admin"),
                System.getProperty("ladder.test.keycloak-admin-password", "admin"));
    }

    /** A signed-in person; the token lives longer than any test. */
    record Person(String id, String token) {
    }

    private static String milestone(Person person, int percent) {
        return milestone(person, percent, Instant.now());
    }

    private static String milestone(Person person, int percent, Instant at) {
        String id = person.id() + ":READINESS_THRESHOLD_CROSSED:mid:" + UUID.randomUUID();
        resend(person, id, percent, at);
        return id;
    }

    private static void resend(Person person, String milestoneId, int percent) {
        resend(person, milestoneId, percent, Instant.now());
    }

    /** A milestone as progress-service publishes it, keyed to the person. */
    private static void resend(Person person, String milestoneId, int percent, Instant at) {
        String employeeId = person.id();
        String payload = """
                {"milestoneId":"%s","employeeId":"%s","kind":"READINESS_THRESHOLD_CROSSED",
                 "trackId":"ai-ml-security-specialist","levelId":"mid","levelName":"Mid-Level",
                 "readinessPercent":%d,"threshold":25,"message":"You are %d%% ready for Mid-Level",
                 "occurredAt":"%s"}""".formatted(milestoneId, employeeId, percent, percent, at);
        CloudEventRecord.of(Topics.MILESTONES, EventType.MILESTONE_REACHED.id(), employeeId, payload)
                .source(EventProducers.PROGRESS_SERVICE).sendForMetadata();
    }

    private SseClient stream(Person person, String lastEventId) {
        return streamAt("/api/notifications/me/stream", person, lastEventId);
    }

    private SseClient streamAt(String path, Person person, String lastEventId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", bearer(person));
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        SseClient stream = SseClient.open(url(path), headers);
        streams.add(stream);
        assertThat(stream.status()).isEqualTo(200);
        return stream;
    }

    private void assertUnread(Event event, String id, long unread) {
        assertThat(event.name()).as(event.toString()).isEqualTo("unread");
        if (id != null) {
            assertThat(event.id()).as(event.toString()).isEqualTo(id);
        }
        assertThat(json.readTree(event.data()).path("unread").asLong()).as(event.toString()).isEqualTo(unread);
    }

    /**
     * The stream's unread count reaches {@code unread}, with nothing but counts on the way: the count sent after the
     * last notifications (when they changed it) may still be ahead of the one the test's action causes.
     */
    private void awaitUnread(SseClient stream, long unread) {
        Event event = stream.nextEvent(WAIT);
        while (event.name().equals("unread") && json.readTree(event.data()).path("unread").asLong() != unread) {
            event = stream.nextEvent(WAIT);
        }
        assertUnread(event, null, unread);
    }

    private JsonNode assertNotification(Event event, long seq, String id) {
        assertThat(event.name()).as(event.toString()).isEqualTo("notification");
        assertThat(event.id()).as(event.toString()).isEqualTo(Long.toString(seq));
        JsonNode item = json.readTree(event.data());
        assertThat(item.path("id").asString()).isEqualTo(id);
        assertThat(item.path("seq").asLong()).isEqualTo(seq);
        return item;
    }

    /**
     * Exactly these notifications next, numbered from {@code firstSeq}, unread counts in between skipped. That nothing
     * follows them is shown by the next assertion on the stream, or at the end by {@link #assertNothingElseBefore}.
     */
    private void assertNotifications(SseClient stream, List<String> ids, long firstSeq) {
        long seq = firstSeq;
        for (String id : ids) {
            Event event = stream.nextEvent(WAIT);
            while (event.name().equals("unread")) {
                event = stream.nextEvent(WAIT);
            }
            assertNotification(event, seq++, id);
        }
    }

    /** A milestone published after everything the test did: the feed numbers it after anything those still cause. */
    private static String sentinel(Person person) {
        return milestone(person, 99);
    }

    /**
     * The sentinel is the next notification on every stream, with the next number: no repeat, no stray and nobody
     * else's notification came in between — without watching a quiet window for a guessed time.
     */
    private void assertNothingElseBefore(String sentinel, long seq, SseClient... streams) {
        for (SseClient stream : streams) {
            assertNotifications(stream, List.of(sentinel), seq);
        }
    }

    private static String encoded(String id) {
        return id.replace(":", "%3A");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String bearer(Person person) {
        return "Bearer " + person.token();
    }

    private List<Map<String, Object>> feed(Person person, String query) {
        return page(person, query).getResponseBody();
    }

    private EntityExchangeResult<List<Map<String, Object>>> page(Person person, String query) {
        return http.get().uri("/api/notifications/me" + query).header("Authorization", bearer(person)).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult();
    }

    private static List<Object> ids(EntityExchangeResult<List<Map<String, Object>>> page) {
        return page.getResponseBody().stream().map(n -> n.get("id")).toList();
    }

    private long unreadCount(Person person) {
        Map<String, Object> count = http.get().uri("/api/notifications/me/unread-count")
                .header("Authorization", bearer(person)).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertThat(count).containsOnlyKeys("unread");
        return ((Number) count.get("unread")).longValue();
    }

    private void markRead(Person person, String id) {
        http.post().uri("/api/notifications/{id}/read", id).header("Authorization", bearer(person)).exchange()
                .expectStatus().isNoContent();
    }

    private String notFound(Person person, String id) {
        return http.post().uri("/api/notifications/{id}/read", id).header("Authorization", bearer(person))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
