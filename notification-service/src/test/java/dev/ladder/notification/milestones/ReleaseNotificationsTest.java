package dev.ladder.notification.milestones;

import com.standardwebhooks.Webhook;
import dev.ladder.contracts.progress.TrackReevaluated;
import dev.ladder.notification.DeliveryTestContext;
import dev.ladder.notification.webhook.Receiver;
import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.ladder.notification.TestEvents.id;
import static dev.ladder.notification.TestEvents.person;
import static dev.ladder.notification.TestEvents.reevaluated;
import static dev.ladder.notification.TestEvents.reevaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * A catalog release re-evaluated a track (progress-service's {@code TrackReevaluated} on Kafka): the admin who
 * published it hears once, in one message, and so does the organisation's chat (an organisation-wide webhook an
 * admin registered); a release nobody published (the seed import) reaches the organisation's chat alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleaseNotificationsTest extends DeliveryTestContext {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    final Receiver receiver = new Receiver();
    /** The publishing admin: their employee id is not their sign-in subject. */
    final String admin = "admin-" + UUID.randomUUID();
    final String adminSubject = UUID.randomUUID().toString();
    RestTestClient http;
    String endpoint;
    String secret;

    @BeforeAll
    void adminAndTheOrganisationsWebhook() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        LadderInfra.awaitConsumed(GROUP, person(admin, adminSubject, "Ann Admin", null, null, null, null));
        Map<String, Object> request = new HashMap<>();
        request.put("url", receiver.url("/organisation"));
        request.put("format", "JSON");
        request.put("kinds", List.of("CATALOG_REEVALUATED"));
        request.put("teamId", null); // the organisation's
        Map<String, Object> created = http.post().uri("/api/notifications/webhooks")
                .header("Authorization", "Bearer " + LadderInfra.accessToken("ada"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        endpoint = (String) created.get("id");
        secret = (String) created.get("secret");
    }

    @AfterAll
    void stop() {
        // the context is shared: nothing may be posted to this endpoint once its receiver is gone
        http.delete().uri("/api/notifications/webhooks/{id}", endpoint)
                .header("Authorization", "Bearer " + LadderInfra.accessToken("ada"))
                .exchange().expectStatus().isNoContent();
        receiver.close();
    }

    @Test
    void thePublishingAdminGetsOneMessageAndTheOrganisationsChatOnePostHoweverOftenItArrives() {
        TrackReevaluated release = reevaluated("track-" + UUID.randomUUID(), 3, 1000, 12, 3, adminSubject);
        String eventId = id();
        LadderInfra.awaitConsumed(GROUP, List.of(
                reevaluation(release, eventId),
                reevaluation(release, eventId),   // redelivered
                reevaluation(release, id())));    // re-published under a new ce_id

        String expected = "AI & ML Security Specialist v3 re-evaluated 1,000 people: 12 advanced, 3 moved down";
        List<Map<String, Object>> rows = notifications(release);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0))
                .containsEntry("id", "CATALOG_REEVALUATED:" + release.reevaluationId() + ":" + admin)
                .containsEntry("employee_id", admin)
                .containsEntry("kind", "CATALOG_REEVALUATED")
                .containsEntry("title", "AI & ML Security Specialist v3 re-evaluated")
                .containsEntry("message", expected)
                .containsEntry("link", "#/catalog");

        JsonNode item = post(release);
        assertThat(item.path("message").asString()).isEqualTo(expected);
        assertThat(item.path("link").asString()).isEqualTo("https://ladder.example.com/#/catalog");
        assertThat(queued(release)).isEqualTo(1);
        assertThat(receiver.drain()).isEmpty();
    }

    @Test
    void aReleaseNobodyPublishedReachesTheOrganisationsChatAlone() {
        TrackReevaluated seed = reevaluated("track-" + UUID.randomUUID(), 1, 1, 0, 0, null);
        LadderInfra.awaitConsumed(GROUP, reevaluation(seed, id()));

        assertThat(notifications(seed)).isEmpty();
        assertThat(post(seed).path("message").asString())
                .isEqualTo("AI & ML Security Specialist v1 re-evaluated 1 person: nobody changed level");
        assertThat(receiver.drain()).isEmpty();
    }

    /** The in-app rows of a re-evaluation, whoever they are for. */
    private List<Map<String, Object>> notifications(TrackReevaluated release) {
        return jdbc.sql("SELECT id, employee_id, kind, title, message, link FROM notification WHERE id LIKE :id")
                .param("id", "CATALOG_REEVALUATED:" + release.reevaluationId() + "%")
                .query().listOfRows();
    }

    /** How many items of the re-evaluation were queued for the organisation's endpoint. */
    private int queued(TrackReevaluated release) {
        return jdbc.sql("""
                        SELECT count(*) FROM outbound_item
                        WHERE channel = 'WEBHOOK' AND target = :endpoint AND notification_key = :key""")
                .param("endpoint", endpoint)
                .param("key", "CATALOG_REEVALUATED:" + release.reevaluationId())
                .query(Integer.class).single();
    }

    /** The one post the organisation's endpoint receives about the re-evaluation, signed; its one notification. */
    private JsonNode post(TrackReevaluated release) {
        Receiver.Request post = receiver.take();
        assertThat(post.path()).isEqualTo("/organisation");
        assertThatCode(() -> new Webhook(secret).verify(post.body(), post.headers())).doesNotThrowAnyException();
        JsonNode notifications = JSON.readTree(post.body()).path("notifications");
        assertThat(notifications).hasSize(1);
        JsonNode item = notifications.get(0);
        assertThat(item.path("key").asString()).isEqualTo("CATALOG_REEVALUATED:" + release.reevaluationId());
        assertThat(item.path("kind").asString()).isEqualTo("CATALOG_REEVALUATED");
        // sent, once: the delivery log agrees with the receiver
        await().atMost(WAIT).until(() -> jdbc.sql("""
                        SELECT count(*) FROM outbound_message m JOIN outbound_item i ON i.message_id = m.id
                        WHERE m.target = :endpoint AND i.notification_key = :key AND m.status = 'SENT'""")
                .param("endpoint", endpoint)
                .param("key", "CATALOG_REEVALUATED:" + release.reevaluationId())
                .query(Integer.class).single() == 1);
        return item;
    }
}
