package dev.ladder.notification.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.ladder.kit.tracing.Traces;
import dev.ladder.notification.delivery.OutboundMessage;
import dev.ladder.notification.delivery.SendOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed requests to a real HTTP receiver, and what each answer comes to. */
class WebhookPosterTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(700);

    private final Receiver receiver = new Receiver();
    private final WebhookBodies bodies = new WebhookBodies(JsonMapper.builder().build(), "https://ladder.example.com");
    private final WebhookPoster poster = new WebhookPoster(new WebhookUrlGuard(true), bodies, Duration.ofSeconds(2),
            REQUEST_TIMEOUT, Traces.off());

    @AfterEach
    void stop() {
        receiver.close();
    }

    @ParameterizedTest
    @EnumSource(WebhookFormat.class)
    void aSignedPostThatTheReferenceLibraryVerifies(WebhookFormat format) {
        String secret = WebhookSignature.newSecret();
        WebhookEndpoint endpoint = endpoint(receiver.url("/hook"), format, secret, null, null);
        OutboundMessage message = Messages.grouped(endpoint.id().toString(), 2);
        long before = Instant.now().getEpochSecond();

        SendOutcome outcome = poster.post(endpoint, message);

        assertThat(outcome).isEqualTo(new SendOutcome.Delivered(200));
        Receiver.Request request = receiver.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("user-agent")).isEqualTo("Ladder-Webhooks/1");
        assertThat(request.header("webhook-id")).isEqualTo(message.id().toString());
        assertThat(Long.parseLong(request.header("webhook-timestamp")))
                .isBetween(before, Instant.now().getEpochSecond());
        assertThat(request.body()).isEqualTo(bodies.render(format, message));
        assertThatCode(() -> new Webhook(secret).verify(request.body(), request.headers()))
                .doesNotThrowAnyException();
    }

    @Test
    void whileTheOldSecretIsValidBothVerifyAfterwardsOnlyTheNew() {
        String old = WebhookSignature.newSecret();
        String current = WebhookSignature.newSecret();
        Instant future = Instant.now().plus(1, ChronoUnit.HOURS);
        WebhookEndpoint overlapping = endpoint(receiver.url("/hook"), WebhookFormat.JSON, current, old, future);

        poster.post(overlapping, Messages.single(overlapping.id().toString()));
        Receiver.Request during = receiver.take();

        assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
        for (String secret : List.of(old, current)) {
            assertThatCode(() -> new Webhook(secret).verify(during.body(), during.headers()))
                    .doesNotThrowAnyException();
        }

        WebhookEndpoint after = endpoint(receiver.url("/hook"), WebhookFormat.JSON, current, old,
                Instant.now().minusSeconds(1));
        poster.post(after, Messages.single(after.id().toString()));
        Receiver.Request later = receiver.take();

        assertThat(later.header("webhook-signature").split(" ")).hasSize(1);
        assertThatCode(() -> new Webhook(current).verify(later.body(), later.headers())).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(old).verify(later.body(), later.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void serverErrorsAreRetriedWithAShortErrorText() {
        receiver.answer("/hook", Receiver.Answer.status(500).body("x".repeat(5000)));

        SendOutcome outcome = post("/hook");

        assertThat(outcome).isInstanceOf(SendOutcome.Retry.class);
        assertThat(outcome.status()).isEqualTo(500);
        assertThat(outcome.error()).startsWith("HTTP 500: xxx").hasSizeLessThanOrEqualTo(220);
        assertThat(((SendOutcome.Retry) outcome).retryAfter()).isNull();
    }

    @Test
    void tooManyRequestsWithRetryAfterSecondsIsRetriedThatLate() {
        receiver.answer("/hook", Receiver.Answer.status(429).header("Retry-After", "7"));

        assertThat(post("/hook")).isInstanceOfSatisfying(SendOutcome.Retry.class, retry -> {
            assertThat(retry.status()).isEqualTo(429);
            assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
    }

    @Test
    void unavailableWithAnHttpDateIsRetriedAtThatTime() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(120)
                .atOffset(ZoneOffset.UTC));
        receiver.answer("/hook", Receiver.Answer.status(503).header("Retry-After", date));

        assertThat(post("/hook")).isInstanceOfSatisfying(SendOutcome.Retry.class, retry -> {
            assertThat(retry.status()).isEqualTo(503);
            assertThat(retry.retryAfter()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
        });
    }

    @Test
    void goneIsGone() {
        receiver.answer("/hook", Receiver.Answer.status(410));

        assertThat(post("/hook")).isInstanceOfSatisfying(SendOutcome.Gone.class,
                gone -> assertThat(gone.status()).isEqualTo(410));
    }

    @Test
    void aSlowReceiverTimesOutAndIsRetried() {
        receiver.answer("/slow", Receiver.Answer.status(200).after(Duration.ofSeconds(3)));
        long started = System.nanoTime();

        SendOutcome outcome = post("/slow");

        assertThat(outcome).isInstanceOf(SendOutcome.Retry.class);
        assertThat(outcome.status()).isNull();
        assertThat(outcome.error()).contains("Timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aRedirectIsNotFollowed() {
        receiver.answer("/moved", Receiver.Answer.status(302).header("Location", receiver.url("/elsewhere")));

        SendOutcome outcome = post("/moved");

        assertThat(outcome).isInstanceOf(SendOutcome.Retry.class);
        assertThat(outcome.status()).isEqualTo(302);
        assertThat(outcome.error()).contains("redirects are not followed");
        assertThat(receiver.take().path()).isEqualTo("/moved");
        assertThat(receiver.drain()).isEmpty();
    }

    @Test
    void nobodyListeningIsRetried() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        WebhookEndpoint endpoint = endpoint("http://127.0.0.1:" + port + "/hook", WebhookFormat.JSON,
                WebhookSignature.newSecret(), null, null);

        SendOutcome outcome = poster.post(endpoint, Messages.single(endpoint.id().toString()));

        assertThat(outcome).isInstanceOf(SendOutcome.Retry.class);
        assertThat(outcome.status()).isNull();
        assertThat(outcome.error()).isNotBlank();
    }

    @Test
    void withTheGuardOnAPrivateAddressIsRefusedWithoutARequest() {
        WebhookPoster guarded = new WebhookPoster(new WebhookUrlGuard(false), bodies, Duration.ofSeconds(2),
                REQUEST_TIMEOUT, Traces.off());
        WebhookEndpoint endpoint = endpoint(receiver.url("/hook"), WebhookFormat.JSON, WebhookSignature.newSecret(),
                null, null);

        SendOutcome outcome = guarded.post(endpoint, Messages.single(endpoint.id().toString()));

        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        assertThat(outcome.error()).contains("private or local address");
        assertThat(receiver.drain()).isEmpty();
    }

    @Test
    void retryAfterParsing() {
        Instant now = Instant.parse("2026-03-02T09:00:00Z");
        assertThat(WebhookPoster.retryAfter("0", now)).isEqualTo(Duration.ZERO);
        assertThat(WebhookPoster.retryAfter(" 120 ", now)).isEqualTo(Duration.ofMinutes(2));
        assertThat(WebhookPoster.retryAfter("Mon, 02 Mar 2026 09:01:00 GMT", now)).isEqualTo(Duration.ofMinutes(1));
        assertThat(WebhookPoster.retryAfter("Mon, 02 Mar 2026 08:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(WebhookPoster.retryAfter("soon", now)).isNull();
        assertThat(WebhookPoster.retryAfter("-5", now)).isNull();
        assertThat(WebhookPoster.retryAfter(null, now)).isNull();
    }

    private SendOutcome post(String path) {
        WebhookEndpoint endpoint = endpoint(receiver.url(path), WebhookFormat.JSON, WebhookSignature.newSecret(),
                null, null);
        return poster.post(endpoint, Messages.single(endpoint.id().toString()));
    }

    static WebhookEndpoint endpoint(String url, WebhookFormat format, String secret, String previous,
                                    Instant previousUntil) {
        Instant now = Instant.now();
        return new WebhookEndpoint(UUID.randomUUID(), "owner", "team", url, format, List.of("CLAIM_PENDING"), null,
                secret, previous, previousUntil, true, null, null, null, now, now);
    }
}
