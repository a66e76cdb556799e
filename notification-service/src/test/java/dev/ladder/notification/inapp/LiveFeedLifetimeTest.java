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
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream lives at most {@code max-duration} (and never longer than the caller's token): then it ends normally, and
 * a client reconnecting with its Last-Event-ID gets what came meanwhile, as a browser's EventSource does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ladder.notification.sse.max-duration=3s")
@DirtiesContext
class LiveFeedLifetimeTest {

    private static final String GROUP = "notification-live-lifetime-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "notification");
        registry.add("ladder.notification.consumer-group", () -> GROUP);
    }

    @LocalServerPort
    int port;

    @Test
    void aStreamEndsAfterItsLifetimeAndAReconnectResumes() {
        String username = "live-lifetime-" + UUID.randomUUID().toString().substring(0, 8);
        String employeeId = new KeycloakAdmin(LadderInfra.keycloakUrl(),
                System.getProperty("ladder.test.keycloak-admin", "admin"),
                System.getProperty("ladder.test.keycloak-admin-password", "admin")).createAccount(
                new NewAccount(username, username + "@ladder.local", "Lifetime", "Live", "pw-" + username,
                        List.of("employee")));
        String bearer = "Bearer " + new TokenClient(LadderInfra.issuerUri()).accessToken(username, "pw-" + username);
        String url = "http://localhost:" + port + "/api/notifications/me/stream";

        String first;
        try (SseClient stream = SseClient.open(url, Map.of("Authorization", bearer))) {
            assertThat(stream.nextEvent(WAIT).name()).isEqualTo("unread");
            first = milestone(employeeId, 10);
            Event arrived = stream.nextEvent(WAIT);
            assertThat(arrived.name()).isEqualTo("notification");
            assertThat(arrived.id()).isEqualTo("1");
            // the stream ends by itself (normally: no error, no status change), within a moment of 3 s
            long started = System.nanoTime();
            Event event;
            do {
                event = stream.nextEvent(WAIT);
            } while (!event.equals(SseClient.END));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
        // meanwhile
        String second = milestone(employeeId, 11);
        try (SseClient resumed = SseClient.open(url, Map.of("Authorization", bearer, "Last-Event-ID", "1"))) {
            assertThat(resumed.status()).isEqualTo(200);
            assertThat(resumed.nextEvent(WAIT).name()).isEqualTo("unread");
            Event missed = resumed.nextEvent(WAIT);
            while (missed.name().equals("unread")) {
                missed = resumed.nextEvent(WAIT);
            }
            assertThat(missed.name()).isEqualTo("notification");
            assertThat(missed.id()).isEqualTo("2");
            assertThat(missed.data()).contains(second).doesNotContain(first);
        }
    }

    private static String milestone(String employeeId, int percent) {
        String id = employeeId + ":READINESS_THRESHOLD_CROSSED:mid:" + UUID.randomUUID();
        CloudEventRecord.of(Topics.MILESTONES, EventType.MILESTONE_REACHED.id(), employeeId, """
                        {"milestoneId":"%s","employeeId":"%s","kind":"READINESS_THRESHOLD_CROSSED",
                         "trackId":"ai-ml-security-specialist","levelId":"mid","levelName":"Mid-Level",
                         "readinessPercent":%d,"threshold":25,"message":"You are %d%% ready for Mid-Level",
                         "occurredAt":"%s"}""".formatted(id, employeeId, percent, percent, Instant.now()))
                .source(EventProducers.PROGRESS_SERVICE).sendForMetadata();
        return id;
    }
}
