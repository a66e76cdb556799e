package dev.ladder.notification.preferences;

import dev.ladder.keycloak.DemoUsers;
import dev.ladder.notification.DeliveryTestContext;
import dev.ladder.testkit.LadderInfra;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.ladder.notification.TestEvents.advanced;
import static dev.ladder.notification.TestEvents.expired;
import static dev.ladder.notification.TestEvents.milestone;
import static dev.ladder.notification.TestEvents.person;
import static dev.ladder.notification.TestEvents.readiness;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Preferences over HTTP with real Keycloak tokens, and their effect on real deliveries (PostgreSQL, Kafka, GreenMail):
 * which kinds each role sees with their defaults, every problem of a bad change at once, in-app off, a daily digest
 * in the person's time zone, quiet hours that defer all but critical news.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreferencesTest extends DeliveryTestContext {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ALICE = DemoUsers.ALICE.id();
    private static final String MARK = DemoUsers.MARK.id();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    RestTestClient http;

    @BeforeAll
    void people() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        LadderInfra.awaitConsumed(GROUP,
                person(ALICE, "Alice Anders", "alice@example.com", "prefs", null, null),
                person(MARK, "Mark Meyer", "mark@example.com", "prefs-lead", null, null));
    }

    @Test
    void eachRoleSeesTheKindsItReceivesWithTheirDefaults() {
        Map<String, Object> alice = get("alice");
        assertThat(alice).containsEntry("timeZone", "UTC").containsEntry("digestHour", 8)
                .containsEntry("digestDay", "MONDAY").containsEntry("email", "alice@example.com");
        assertThat(kinds(alice)).containsOnlyKeys("LEVEL_ADVANCED", "READINESS_THRESHOLD_CROSSED", "CLAIM_VERIFIED",
                "CLAIM_REJECTED", "CERTIFICATION_EXPIRING", "CERTIFICATION_EXPIRED");
        assertThat(channel(alice, "READINESS_THRESHOLD_CROSSED", "email"))
                .containsEntry("mode", "WEEKLY").containsEntry("default", "WEEKLY");
        assertThat(channel(alice, "CERTIFICATION_EXPIRED", "inApp")).containsEntry("allowed", List.of("ON"));
        assertThat(kinds(alice).get("CERTIFICATION_EXPIRED")).containsEntry("critical", true);

        assertThat(kinds(get("mark"))).containsKeys("REPORT_ADVANCED", "CLAIM_PENDING",
                "REPORT_CERTIFICATION_EXPIRING", "TEAM_WEEKLY_SUMMARY", "WEBHOOK_DISABLED", "LEVEL_ADVANCED")
                .doesNotContainKey("CATALOG_REEVALUATED");
        assertThat(kinds(get("ada"))).containsKeys("CATALOG_REEVALUATED", "REPORT_ADVANCED");

        http.get().uri("/api/notifications/preferences").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aBadChangeListsEveryProblemAndChangesNothing() {
        Map<String, Object> before = get("bob");
        http.put().uri("/api/notifications/preferences").header("Authorization", bearer("bob"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("timeZone", "Mars/Olympus_Mons", "digestHour", 24, "digestDay", "FUNDAY",
                        "quietHours", Map.of("from", "25:00", "until", "7"),
                        "kinds", Map.of("REPORT_ADVANCED", Map.of("email", "ON"),
                                "LEVEL_ADVANCED", Map.of("inApp", "DAILY", "email", "HOURLY"),
                                "CERTIFICATION_EXPIRED", Map.of("inApp", "OFF"),
                                "NO_SUCH_KIND", Map.of("email", "OFF"))))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(body -> assertThat(body).contains("timeZone", "digestHour",
                        "digestDay", "quietHours.from", "quietHours.until", "kinds.REPORT_ADVANCED",
                        "kinds.LEVEL_ADVANCED.inApp", "kinds.LEVEL_ADVANCED.email", "kinds.CERTIFICATION_EXPIRED.inApp",
                        "kinds.NO_SUCH_KIND"));
        http.put().uri("/api/notifications/preferences").header("Authorization", bearer("bob"))
                .contentType(MediaType.APPLICATION_JSON).body("{\"timeZone\": ")
                .exchange().expectStatus().isBadRequest();
        assertThat(get("bob")).isEqualTo(before);
    }

    @Test
    void inAppOffAndADailyDigestInThePersonsTimeZoneTakeEffect() throws Exception {
        Map<String, Object> after = put("alice", Map.of("timeZone", "Europe/Berlin", "digestHour", 7,
                "digestDay", "MONDAY",
                "kinds", Map.of("READINESS_THRESHOLD_CROSSED", Map.of("inApp", "OFF"),
                        "LEVEL_ADVANCED", Map.of("email", "DAILY"))));
        assertThat(channel(after, "LEVEL_ADVANCED", "email")).containsEntry("mode", "DAILY").containsEntry("default", "ON");

        String hidden = readiness(ALICE, 50).milestoneId();
        milestone(readiness(ALICE, 50));
        milestone(advanced(ALICE, "Mid-Level"));
        String promoted = advanced(ALICE, "Mid-Level").milestoneId();
        await().atMost(WAIT).until(() -> feedIds(ALICE).contains(promoted));
        assertThat(feedIds(ALICE)).doesNotContain(hidden);

        // the promotion waits for tomorrow's (or today's) 07:00 in Berlin, in a daily digest
        Instant due = jdbc.sql("""
                        SELECT next_attempt_at FROM outbound_message
                        WHERE channel = 'EMAIL' AND target = :t AND grouping = 'DAILY' AND status = 'OPEN'""")
                .param("t", ALICE).query(Timestamp.class).single().toInstant();
        ZonedDateTime berlin = due.atZone(ZoneId.of("Europe/Berlin"));
        assertThat(berlin.toLocalTime()).isEqualTo(LocalTime.of(7, 0));
        assertThat(due).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(25)));
        assertThat(SMTP.to("alice@example.com")).isEmpty();

        // the hour comes (the clock is the only thing skipped): the digest goes out
        jdbc.sql("UPDATE outbound_message SET next_attempt_at = now() WHERE target = :t AND grouping = 'DAILY'")
                .param("t", ALICE).update();
        MimeMessage digest = await().atMost(WAIT).until(() -> SMTP.to("alice@example.com"), m -> !m.isEmpty()).get(0);
        assertThat(digest.getSubject()).isEqualTo("Your daily Ladder digest: 1 notification");
    }

    @Test
    void quietHoursDeferEverythingButCriticalNews() throws Exception {
        LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        put("mark", Map.of("timeZone", "UTC", "digestHour", 8, "digestDay", "MONDAY",
                "quietHours", Map.of("from", now.minusHours(1).format(hhmm), "until", now.plusHours(2).format(hhmm))));

        milestone(advanced(MARK, "Senior"));
        milestone(expired(MARK, "cissp"));

        MimeMessage critical = await().atMost(WAIT).until(() -> SMTP.to("mark@example.com"), m -> !m.isEmpty()).get(0);
        assertThat(critical.getHeader("X-Ladder-Kinds", null)).isEqualTo("CERTIFICATION_EXPIRED");
        Instant deferredTo = jdbc.sql("""
                        SELECT next_attempt_at FROM outbound_message
                        WHERE channel = 'EMAIL' AND target = :t AND grouping = 'NOW' AND status = 'OPEN'""")
                .param("t", MARK).query(Timestamp.class).single().toInstant();
        assertThat(deferredTo.atZone(ZoneOffset.UTC).toLocalTime()).isEqualTo(now.plusHours(2));
        assertThat(SMTP.to("mark@example.com")).hasSize(1);
    }

    private List<String> feedIds(String employeeId) {
        return jdbc.sql("SELECT id FROM notification WHERE employee_id = :e").param("e", employeeId)
                .query(String.class).list();
    }

    private Map<String, Object> get(String user) {
        return http.get().uri("/api/notifications/preferences").header("Authorization", bearer(user)).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    private Map<String, Object> put(String user, Map<String, Object> body) {
        return http.put().uri("/api/notifications/preferences").header("Authorization", bearer(user))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> kinds(Map<String, Object> preferences) {
        return ((List<Map<String, Object>>) preferences.get("kinds")).stream()
                .collect(java.util.stream.Collectors.toMap(k -> (String) k.get("kind"), k -> k));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> channel(Map<String, Object> preferences, String kind, String channel) {
        return (Map<String, Object>) kinds(preferences).get(kind).get(channel);
    }

    private static String bearer(String user) {
        return "Bearer " + LadderInfra.accessToken(user);
    }
}
