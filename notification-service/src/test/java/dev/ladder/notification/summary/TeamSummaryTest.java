package dev.ladder.notification.summary;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.keycloak.DemoUsers;
import dev.ladder.notification.DeliveryTestContext;
import dev.ladder.notification.delivery.DeliverySettings;
import dev.ladder.notification.delivery.Preferences;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.ladder.notification.TestEvents.advanced;
import static dev.ladder.notification.TestEvents.milestone;
import static dev.ladder.notification.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The weekly team summary from real events (people, certifications, a promotion on Kafka) to the manager's feed,
 * their e-mail (GreenMail) and the team's chat (a real HTTP receiver), once per week.
 */
class TeamSummaryTest extends DeliveryTestContext {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    TeamSummaries summaries;
    @Autowired
    Preferences preferences;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aManagerGetsOneSummaryAWeekOfWhoAdvancedWhoIsAtRiskAndWhatExpiresNextQuarter() throws Exception {
        String team = "summary-" + UUID.randomUUID();
        String manager = "lead-" + UUID.randomUUID();
        String ana = UUID.randomUUID().toString();
        String ben = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<RecordMetadata> sent = new ArrayList<>();
        sent.add(person(manager, DemoUsers.MARK.id(), "Lena Lead", manager + "@example.com", "leads", null));
        sent.add(person(ana, ana, "Ana Adams", null, team, manager));
        sent.add(person(ben, ben, "Ben Brooks", null, team, manager));
        // the team first: a promotion is team news only once the person's team is known
        LadderInfra.awaitConsumed(GROUP, sent);
        sent.clear();
        sent.add(held(ana, "cissp", today.plusDays(20)));                  // at risk, and next quarter
        sent.add(held(ben, "security-plus", today.plusDays(60)));          // next quarter
        sent.add(held(ana, "oscp", today.plusDays(15)));                   // renewed below: not listed
        sent.add(held(ana, "oscp", today.plusDays(400)));
        String withdrawn = UUID.randomUUID().toString();
        sent.add(held(ben, withdrawn, "ccsp", today.plusDays(25)));        // withdrawn below: not listed
        sent.add(send(EventType.CERTIFICATION_WITHDRAWN, ben, new CertificationWithdrawn(withdrawn, ben, "ccsp", ben,
                "entered by mistake", Instant.now().plusMillis(1))));
        // promoted two hours ago: before this week's summary time (this hour, below)
        MilestoneReached promoted = advanced(ana, "Mid-Level");
        sent.add(milestone(new MilestoneReached(promoted.milestoneId(), ana, promoted.kind(), promoted.trackId(),
                promoted.levelId(), promoted.levelName(), 100, 100, promoted.message(),
                Instant.now().minus(Duration.ofHours(2)))));
        LadderInfra.awaitConsumed(GROUP, sent);

        try (Chat chat = new Chat()) {
            hook(team, chat.url());
            // the manager's weekly digest time is this hour today
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            preferences.save(manager, new DeliverySettings(ZoneOffset.UTC, now.getHour(), now.getDayOfWeek(), null,
                    null), Instant.now());

            assertThat(summaries.sendDue(Instant.now())).isGreaterThanOrEqualTo(1);

            String message = jdbc.sql("""
                            SELECT message FROM notification WHERE employee_id = :m AND kind = 'TEAM_WEEKLY_SUMMARY'""")
                    .param("m", manager).query(String.class).single();
            assertThat(message)
                    .contains("Advanced this week: Ana Adams (Mid-Level).")
                    .contains("At risk: Ana Adams (cissp expires " + today.plusDays(20) + ").")
                    .contains("Expiring next quarter: 2 certifications — Ana Adams cissp on " + today.plusDays(20)
                            + ", Ben Brooks security-plus on " + today.plusDays(60) + ".")
                    .doesNotContain("oscp").doesNotContain("ccsp");

            // by e-mail too (alone, or grouped with her REPORT_ADVANCED about Ana if that was still waiting)
            await().atMost(WAIT).until(() -> SMTP.texts(manager + "@example.com"),
                    bodies -> bodies.stream().anyMatch(b -> b.contains("Weekly summary for Team " + team)
                            && b.contains("Advanced this week: Ana Adams (Mid-Level).")));
            assertThat(chat.next()).contains("Weekly summary for Team " + team, "Ana Adams (Mid-Level)");

            // once a week: asking again sends nothing more
            summaries.sendDue(Instant.now());
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM notification WHERE employee_id = :m AND kind = 'TEAM_WEEKLY_SUMMARY'""")
                    .param("m", manager).query(Integer.class).single()).isEqualTo(1);
        }
    }

    private RecordMetadata person(String employeeId, String subject, String name, String email, String team,
                                  String managerId) {
        return send(EventType.EMPLOYEE_UPDATED, employeeId, new EmployeeUpdated(employeeId, name, email, team,
                "Team " + team, managerId, null, null, null, Instant.now(), subject, null, null, true));
    }

    private static RecordMetadata held(String employeeId, String certificationId, LocalDate expiresOn) {
        return held(employeeId, UUID.randomUUID().toString(), certificationId, expiresOn);
    }

    private static RecordMetadata held(String employeeId, String achievementId, String certificationId,
                                       LocalDate expiresOn) {
        return send(EventType.CERTIFICATION_RECORDED, employeeId, new CertificationRecorded(achievementId, employeeId,
                certificationId, "CRED-1", "Issuer", LocalDate.now().minusYears(1), expiresOn, Instant.now(),
                CertificationRecorded.Source.ISSUER));
    }

    /** The team's JSON webhook, registered by the manager (Mark signs in as Lena here). */
    private void hook(String team, String url) {
        RestTestClient http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        http.post().uri("/api/notifications/webhooks")
                .header("Authorization", "Bearer " + LadderInfra.accessToken("mark"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", url, "format", "JSON", "kinds", List.of("TEAM_WEEKLY_SUMMARY"), "teamId", team))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    /** A team chat's incoming webhook: a real HTTP server that records what it is sent. */
    static final class Chat implements AutoCloseable {

        private final com.sun.net.httpserver.HttpServer server;
        private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();

        Chat() throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(204, -1);
                    OutputStream ignored = exchange.getResponseBody();
                    ignored.close();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/chat";
        }

        String next() throws InterruptedException {
            String body = bodies.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(body).as("a post to the team's chat").isNotNull();
            return body;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
