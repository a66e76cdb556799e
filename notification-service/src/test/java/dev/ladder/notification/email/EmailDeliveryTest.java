package dev.ladder.notification.email;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.notification.DeliveryTestContext;
import dev.ladder.testkit.LadderInfra;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ladder.notification.TestEvents.advanced;
import static dev.ladder.notification.TestEvents.expired;
import static dev.ladder.notification.TestEvents.id;
import static dev.ladder.notification.TestEvents.milestone;
import static dev.ladder.notification.TestEvents.person;
import static dev.ladder.notification.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * E-mail against a real SMTP server (GreenMail) and the real service on PostgreSQL and Kafka: what a mail carries,
 * one-click unsubscribe, a burst grouped into one mail, SMTP down and back, duplicates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailDeliveryTest extends DeliveryTestContext {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern UNSUBSCRIBE = Pattern.compile("<(https://[^>]+)>");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    final String team = "mail-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aMilestoneIsEmailedWithTextAndHtmlALinkBackAndOneClickUnsubscribe() throws Exception {
        String alice = newPerson("Alice <b>Anders</b>", null);
        milestone(advanced(alice, "Mid-Level"));

        MimeMessage mail = awaitMails(alice, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Promoted to Mid-Level");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Ladder <ladder@localhost>");
        Map<String, String> bodies = bodies(mail);
        assertThat(bodies.get("text/plain"))
                .contains("Hello Alice <b>Anders</b>,", "Promoted to Mid-Level", "Congratulations! You reached Mid-Level",
                        "https://ladder.example.com/#/progress");
        // the name is escaped in HTML, never pasted in as markup
        assertThat(bodies.get("text/html"))
                .contains("Alice &lt;b&gt;Anders&lt;/b&gt;", "href=\"https://ladder.example.com/#/progress\"")
                .doesNotContain("<b>Anders</b>");

        // Message-ID is the outbound message's id: the same on every attempt
        UUID messageId = jdbc.sql("SELECT id FROM outbound_message WHERE channel = 'EMAIL' AND target = :t")
                .param("t", alice).query(UUID.class).single();
        assertThat(mail.getMessageID()).isEqualTo("<" + messageId + "@ladder.local>");

        // RFC 8058: one click in the mail client unsubscribes from this kind
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String unsubscribe = unsubscribeUrl(mail);
        assertThat(unsubscribe).startsWith("https://ladder.example.com/api/notifications/unsubscribe?token=");
        assertThat(bodies.get("text/html")).contains(unsubscribe.replace("&", "&amp;"));

        // an admin reads the person's e-mail log: the message, its attempt, the SMTP reply (once recorded: the
        // sender records the outcome just after the server took the mail)
        RestTestClient http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        Map<String, Object> log = await().atMost(WAIT).until(() -> http.get()
                        .uri("/api/notifications/deliveries?recipient={id}", alice)
                        .header("Authorization", "Bearer " + LadderInfra.accessToken("ada")).exchange()
                        .expectStatus().isOk()
                        .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                        .returnResult().getResponseBody(),
                body -> body.get("items").toString().contains("status=SENT"));
        assertThat(log).containsEntry("total", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> sent = ((List<Map<String, Object>>) log.get("items")).get(0);
        assertThat(sent).containsEntry("id", messageId.toString()).containsEntry("channel", "EMAIL")
                .containsEntry("status", "SENT").containsEntry("titles", List.of("Promoted to Mid-Level"));
        assertThat(sent.get("attemptLog").toString()).contains("outcome=DELIVERED", "statusCode=250");
    }

    @Test
    void oneClickUnsubscribeTurnsThatKindOffWithoutSignInAndATamperedLinkChangesNothing() throws Exception {
        String bea = newPerson("Bea Brandt", null);
        milestone(advanced(bea, "Mid-Level"));
        String link = unsubscribeUrl(awaitMails(bea, 1).get(0));
        String token = URI.create(link).getRawQuery().substring("token=".length());
        RestTestClient http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();

        // a tampered or cut link: 400, nothing changes
        http.post().uri("/api/notifications/unsubscribe?token=" + token.substring(0, token.length() - 3) + "AAA")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("List-Unsubscribe=One-Click")
                .exchange().expectStatus().isBadRequest();
        http.post().uri("/api/notifications/unsubscribe?token=" + "x".repeat(5_000))
                .exchange().expectStatus().isBadRequest();
        // GET (a link checker, a preview) only shows the button
        http.get().uri("/api/notifications/unsubscribe?token=" + token).exchange().expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page)
                        .contains("<form method=\"post\" action=\"unsubscribe\">", "You advanced a level"));
        assertThat(emailChoice(bea, "LEVEL_ADVANCED")).isNull();

        // the mail provider's one-click POST, with no session and no token but the link's
        http.post().uri("/api/notifications/unsubscribe?token=" + token)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("List-Unsubscribe=One-Click")
                .exchange().expectStatus().isOk();
        assertThat(emailChoice(bea, "LEVEL_ADVANCED")).isEqualTo("OFF");

        // the next promotion is not e-mailed (still in-app); other kinds still are
        milestone(advanced(bea, "Senior"));
        milestone(expired(bea, "cissp"));
        MimeMessage next = awaitMails(bea, 2).get(1);
        assertThat(next.getHeader("X-Ladder-Kinds", null)).isEqualTo("CERTIFICATION_EXPIRED");
        assertThat(next.getSubject()).isEqualTo("A certification has expired");
        // critical news carries no unsubscribe
        assertThat(next.getHeader("List-Unsubscribe")).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE employee_id = :e AND kind = 'LEVEL_ADVANCED'")
                .param("e", bea).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aBurstForOneManagerIsOneEmailNotOnePerPerson() throws Exception {
        String manager = newPerson("Mia Manager", null);
        List<String> reports = new ArrayList<>();
        List<RecordMetadata> people = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String report = UUID.randomUUID().toString();
            reports.add(report);
            people.add(person(report, "Report " + i, null, team, manager, null));
        }
        LadderInfra.awaitConsumed(GROUP, people);

        for (String report : reports) {
            milestone(advanced(report, "Mid-Level"));
        }

        MimeMessage digest = awaitMails(manager, 1).get(0);
        assertThat(digest.getSubject()).isEqualTo("5 people in your team advanced a level");
        assertThat(bodies(digest).get("text/plain")).contains("Report 1 advanced to Mid-Level",
                "Report 5 advanced to Mid-Level", "https://ladder.example.com/#/team");
        // every item went into that one mail (recorded as sent just after the server took it): nothing is left
        await().atMost(WAIT).until(() -> jdbc.sql("""
                        SELECT count(*) FROM outbound_item i JOIN outbound_message m ON m.id = i.message_id
                        WHERE i.channel = 'EMAIL' AND i.target = :t AND m.status = 'SENT'""")
                .param("t", manager).query(Integer.class).single() == 5);
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_item WHERE channel = 'EMAIL' AND target = :t")
                .param("t", manager).query(Integer.class).single()).isEqualTo(5);
        assertThat(SMTP.to(address(manager))).hasSize(1);
    }

    @Test
    void smtpDownForAWhileThenEveryPendingMailIsSentOnce() throws Exception {
        List<String> people = List.of(newPerson("Down One", null), newPerson("Down Two", null),
                newPerson("Down Three", null));
        SMTP.stop();
        try {
            for (String p : people) {
                milestone(advanced(p, "Mid-Level"));
            }
            // "down for a minute", on the clock of the schedule: with the production e-mail schedule (10 s, 30 s, 1 m…)
            // a one-minute outage fails the attempts at 0 s, 10 s and 40 s and the one at 1 m 40 s succeeds. This
            // context's schedule is the same shape compressed (300 ms steps), so the outage lasts until every mail
            // has failed three times (connection refused) and waits for its next try — about a second of wall time.
            await().atMost(WAIT).until(() -> jdbc.sql("""
                            SELECT count(DISTINCT m.target) FROM outbound_message m
                            WHERE m.target = ANY(:t) AND m.status = 'RETRY' AND m.attempts >= 3""")
                    .param("t", people.toArray(String[]::new)).query(Integer.class).single() == 3);
        } finally {
            SMTP.start();
        }
        for (String p : people) {
            assertThat(awaitMails(p, 1)).hasSize(1);
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM delivery_attempt a JOIN outbound_message m ON m.id = a.message_id
                        WHERE m.target = ANY(:t) AND a.outcome = 'RETRY' AND a.error LIKE 'SMTP:%'""")
                .param("t", people.toArray(String[]::new)).query(Integer.class).single()).isGreaterThanOrEqualTo(9);
        await().atMost(WAIT).until(() -> jdbc.sql(
                        "SELECT count(*) FROM outbound_message WHERE target = ANY(:t) AND status = 'SENT'")
                .param("t", people.toArray(String[]::new)).query(Integer.class).single() == 3);
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_message WHERE target = ANY(:t)")
                .param("t", people.toArray(String[]::new)).query(Integer.class).single()).isEqualTo(3);
        // once: with every message recorded as sent, nobody got a second mail
        for (String p : people) {
            assertThat(SMTP.to(address(p))).hasSize(1);
        }
    }

    @Test
    void aMilestoneConsumedTwiceOrRepublishedIsEmailedOnce() throws Exception {
        String dan = newPerson("Dan Duplicate", null);
        MilestoneReached promoted = advanced(dan, "Mid-Level");
        String eventId = id();
        send(EventType.MILESTONE_REACHED, dan, eventId, promoted);
        send(EventType.MILESTONE_REACHED, dan, eventId, promoted);   // redelivered
        send(EventType.MILESTONE_REACHED, dan, id(), promoted);      // re-published under a new ce_id

        MimeMessage mail = awaitMails(dan, 1).get(0);
        assertThat(bodies(mail).get("text/plain")).containsOnlyOnce("Promoted to Mid-Level");
        // conclusive: a later milestone arrives in a mail of its own, and no other mail came
        milestone(expired(dan, "cissp"));
        List<MimeMessage> mails = awaitMails(dan, 2);
        assertThat(mails.get(1).getHeader("X-Ladder-Kinds", null)).isEqualTo("CERTIFICATION_EXPIRED");
        assertThat(SMTP.to(address(dan))).hasSize(2);
    }

    private String newPerson(String name, String managerId) {
        String employeeId = UUID.randomUUID().toString();
        LadderInfra.awaitConsumed(GROUP, person(employeeId, name, address(employeeId), team, managerId, null));
        return employeeId;
    }

    private static String address(String employeeId) {
        return employeeId + "@example.com";
    }

    private String emailChoice(String employeeId, String kind) {
        return jdbc.sql("SELECT mode FROM preference WHERE employee_id = :e AND kind = :k AND channel = 'EMAIL'")
                .param("e", employeeId).param("k", kind).query(String.class).optional().orElse(null);
    }

    /** Waits until {@code count} mails reached the person; returns them in the order received. */
    private static List<MimeMessage> awaitMails(String employeeId, int count) {
        return await().atMost(WAIT).until(() -> SMTP.to(address(employeeId)), mails -> mails.size() >= count);
    }

    private static String unsubscribeUrl(MimeMessage mail) throws Exception {
        Matcher m = UNSUBSCRIBE.matcher(mail.getHeader("List-Unsubscribe", null));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Map<String, String> bodies(MimeMessage mail) throws Exception {
        Map<String, String> bodies = new HashMap<>();
        collect(mail.getContent(), bodies);
        return bodies;
    }

    private static void collect(Object content, Map<String, String> bodies) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getContent() instanceof Multipart) {
                    collect(part.getContent(), bodies);
                } else {
                    bodies.put(part.getContentType().split(";")[0].trim().toLowerCase(), part.getContent().toString());
                }
            }
        }
    }
}
