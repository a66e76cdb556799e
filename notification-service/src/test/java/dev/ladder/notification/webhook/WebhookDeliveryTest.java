package dev.ladder.notification.webhook;

import com.standardwebhooks.Webhook;
import dev.ladder.keycloak.DemoUsers;
import dev.ladder.notification.DeliveryTestContext;
import dev.ladder.notification.delivery.Outbound;
import dev.ladder.notification.delivery.OutboundMessage;
import dev.ladder.notification.delivery.SendOutcome;
import dev.ladder.kit.metrics.LadderMeters;
import dev.ladder.testkit.LadderInfra;
import dev.ladder.testkit.Scrape;
import org.apache.kafka.clients.producer.RecordMetadata;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.ladder.notification.TestEvents.advanced;
import static dev.ladder.notification.TestEvents.milestone;
import static dev.ladder.notification.TestEvents.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Team webhooks end to end: a milestone on Kafka, the sender, a real HTTP receiver, signatures checked with the
 * Standard Webhooks library — retries under one {@code webhook-id}, a burst as one post, a sender that died mid-send
 * taken over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryTest extends DeliveryTestContext {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Outbound outbound;
    @Autowired
    WebhookTransport transport;

    final Receiver receiver = new Receiver();
    final String mark = "mark-" + UUID.randomUUID();
    RestTestClient http;

    @BeforeAll
    void manager() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        LadderInfra.awaitConsumed(GROUP, person(mark, DemoUsers.MARK.id(), "Mark Meyer", null, "leads", null, null));
    }

    @AfterAll
    void stop() {
        receiver.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReceiverFailingTwiceGetsTheNotificationOnceUnderOneWebhookId() {
        Team team = team(1, "/failing-twice");
        receiver.answerInTurn("/failing-twice", Receiver.Answer.status(500), Receiver.Answer.status(500));

        milestone(advanced(team.members().get(0), "Mid-Level"));

        List<Receiver.Request> requests = List.of(receiver.take(), receiver.take(), receiver.take());
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(requests.get(0).header("webhook-id"));
        for (Receiver.Request request : requests) {
            assertThatCode(() -> new Webhook(team.secret()).verify(request.body(), request.headers()))
                    .doesNotThrowAnyException();
            assertThat(request.body()).contains("Member 1 advanced to Mid-Level");
        }
        List<Map<String, Object>> log = awaitDelivered(team.endpoint());
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).containsEntry("id", requests.get(0).header("webhook-id"))
                .containsEntry("status", "SENT").containsEntry("attempts", 3);
        assertThat(receiver.drain()).isEmpty();

        // an admin follows the manager's notification to the team chat post that carried the same news
        String notification = "REPORT_ADVANCED:" + advanced(team.members().get(0), "Mid-Level").milestoneId() + ":"
                + mark;
        Map<String, Object> adminView = adminLog("ada", "notification=" + notification, 200);
        assertThat((List<Map<String, Object>>) adminView.get("items")).singleElement().satisfies(message -> {
            assertThat(message).containsEntry("channel", "WEBHOOK").containsEntry("target", team.endpoint())
                    .containsEntry("status", "SENT");
            assertThat((List<Map<String, Object>>) message.get("attemptLog"))
                    .extracting(a -> a.get("outcome"), a -> a.get("statusCode"))
                    .containsExactly(tuple("RETRY", 500), tuple("RETRY", 500), tuple("DELIVERED", 200));
        });
        adminLog("mark", "notification=" + notification, 403);
        adminLog("ada", "", 400);
        adminLog("ada", "notification=x&recipient=y", 400);
        adminLog("ada", "recipient=y&size=201", 400);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> adminLog(String user, String query, int status) {
        return http.get().uri("/api/notifications/deliveries?" + query)
                .header("Authorization", "Bearer " + LadderInfra.accessToken(user))
                .exchange().expectStatus().isEqualTo(status)
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    @Test
    void theWebhookRequestContinuesTheTraceOfTheMilestone() {
        Team team = team(1, "/traced");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String progressSpan = traceId.substring(16);

        milestone(advanced(team.members().get(0), "Mid-Level"), "00-" + traceId + "-" + progressSpan + "-01");

        String traceparent = receiver.take().header("traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(traceparent.substring(3, 35)).as("the milestone's trace").isEqualTo(traceId);
        assertThat(traceparent.substring(36, 52)).as("notification-service's send span").isNotEqualTo(progressSpan);
    }

    @Test
    void aBurstOfTheTeamsNewsIsOnePost() {
        Team team = team(4, "/burst");
        for (String member : team.members()) {
            milestone(advanced(member, "Mid-Level"));
        }
        Receiver.Request post = receiver.take();
        assertThat(post.body()).contains("Member 1 advanced", "Member 2 advanced", "Member 3 advanced",
                "Member 4 advanced");
        assertThat(awaitDelivered(team.endpoint())).hasSize(1);
        assertThat(receiver.drain()).isEmpty();
    }

    @Test
    void aSenderThatDiedMidSendIsTakenOverUnderTheSameWebhookId() {
        Team team = team(1, "/taken-over");
        milestone(advanced(team.members().get(0), "Mid-Level"));
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM outbound_message WHERE target = :t")
                .param("t", team.endpoint()).query(Integer.class).single() == 1);

        // a sender claims the message before it is due, posts it — and dies before recording the outcome
        List<OutboundMessage> claimed = outbound.claim(Instant.now().plusSeconds(60), Instant.now().plusSeconds(2), 1);
        assertThat(claimed).extracting(OutboundMessage::target).containsExactly(team.endpoint());
        assertThat(transport.send(claimed.get(0))).isInstanceOf(SendOutcome.Delivered.class);
        Receiver.Request first = receiver.take();

        // when its lease runs out, the running sender takes it over and sends it again, under the same id
        Receiver.Request again = receiver.take();
        assertThat(again.header("webhook-id")).isEqualTo(first.header("webhook-id"))
                .isEqualTo(claimed.get(0).id().toString());
        List<Map<String, Object>> log = awaitDelivered(team.endpoint());
        assertThat(log.get(0)).containsEntry("attempts", 2);
        assertThat(receiver.drain()).isEmpty();
    }

    /**
     * Deliveries by channel and outcome, as Prometheus reads them (the real endpoint, the scraper's token): an
     * endpoint that always fails is retried on the schedule (four retries in these tests) and then given up; one
     * that is gone fails at once; the manager's in-app notification is delivered. Anonymous and people are refused.
     */
    @Test
    void deliveriesAreCountedByChannelAndOutcomeOnThePrometheusEndpoint() {
        String base = "http://localhost:" + port;
        assertThat(Scrape.status(base, null)).isEqualTo(401);
        assertThat(Scrape.status(base, LadderInfra.accessToken("mark"))).isEqualTo(403);
        Scrape before = Scrape.of(base);
        Team failing = team(1, "/always-failing");
        receiver.answer("/always-failing", Receiver.Answer.status(500));
        Team gone = team(1, "/gone");
        receiver.answer("/gone", Receiver.Answer.status(410));

        milestone(advanced(failing.members().get(0), "Mid-Level"));
        milestone(advanced(gone.members().get(0), "Mid-Level"));

        await().atMost(WAIT).untilAsserted(() -> {
            Scrape after = Scrape.of(base);
            assertThat(moved(before, after, "webhook", "retried")).isGreaterThanOrEqualTo(4);
            assertThat(moved(before, after, "webhook", "gave_up")).isGreaterThanOrEqualTo(1);
            assertThat(moved(before, after, "webhook", "failed")).isGreaterThanOrEqualTo(1);
            assertThat(moved(before, after, "in_app", "delivered")).isGreaterThanOrEqualTo(2);
        });
        receiver.drain();
    }

    private static double moved(Scrape before, Scrape after, String channel, String outcome) {
        String name = LadderMeters.NOTIFICATION_DELIVERIES.prometheusNames().get(0);
        return after.sum(name, "channel", channel, "outcome", outcome)
                - before.sum(name, "channel", channel, "outcome", outcome);
    }

    record Team(String id, List<String> members, String endpoint, String secret) {
    }

    /** A team of Mark's with {@code size} members and a Slack endpoint taking REPORT_ADVANCED at {@code path}. */
    private Team team(int size, String path) {
        String teamId = "team-" + UUID.randomUUID();
        List<String> members = new ArrayList<>();
        List<RecordMetadata> sent = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            String member = UUID.randomUUID().toString();
            members.add(member);
            sent.add(person(member, "Member " + i, null, teamId, mark, null));
        }
        LadderInfra.awaitConsumed(GROUP, sent);
        Map<String, Object> created = http.post().uri("/api/notifications/webhooks")
                .header("Authorization", "Bearer " + LadderInfra.accessToken("mark"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", receiver.url(path), "format", "SLACK", "kinds", List.of("REPORT_ADVANCED"),
                        "teamId", teamId))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return new Team(teamId, members, (String) created.get("id"), (String) created.get("secret"));
    }

    /** The endpoint's delivery log (as its owner reads it) once its newest message was sent. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> awaitDelivered(String endpoint) {
        return await().atMost(WAIT).until(() -> (List<Map<String, Object>>) http.get()
                        .uri("/api/notifications/webhooks/{id}/deliveries", endpoint)
                        .header("Authorization", "Bearer " + LadderInfra.accessToken("mark"))
                        .exchange().expectStatus().isOk()
                        .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                        .returnResult().getResponseBody().get("items"),
                log -> !log.isEmpty() && "SENT".equals(log.get(0).get("status")));
    }
}
