package dev.ladder.notification;

import dev.ladder.testkit.LadderInfra;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for the delivery tests (e-mail, preferences, webhooks): classes extending this share it
 * (Spring caches it), so the service starts once for all of them. A real SMTP server (GreenMail) for the whole run;
 * bursts grouped over 2 s; the sender looks every 100 ms and retries within a second; a sender's lease is 2 s;
 * webhooks may target this machine and time out after 2 s; the portal is at https://ladder.example.com. Each test works with people, teams and endpoints of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class DeliveryTestContext {

    /** The consumer group of the shared context. */
    protected static final String GROUP = "notification-delivery-tests";
    protected static final SmtpServer SMTP = new SmtpServer();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "notification");
        registry.add("ladder.notification.consumer-group", () -> GROUP);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
        registry.add("ladder.notification.webhooks.allow-private-networks", () -> "true");
        registry.add("ladder.notification.webhooks.request-timeout", () -> "2s");
        registry.add("ladder.notification.portal-url", () -> "https://ladder.example.com");
        registry.add("ladder.notification.delivery.group-window", () -> "2s");
        registry.add("ladder.notification.delivery.poll-interval", () -> "100ms");
        registry.add("ladder.notification.delivery.lease", () -> "2s");
        registry.add("ladder.notification.delivery.email", () -> "300ms,300ms,300ms,500ms,500ms,1s,1s,1s,1s,1s,1s,1s");
        registry.add("ladder.notification.delivery.webhook", () -> "300ms,300ms,300ms,300ms");
        // weekly summaries only when a test asks (TeamSummaryTest), never in the middle of another test
        registry.add("ladder.notification.summary.enabled", () -> "false");
    }
}
