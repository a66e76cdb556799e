package dev.ladder.notification.webhook;

import dev.ladder.kit.tracing.TraceContext;
import dev.ladder.kit.tracing.Traces;
import dev.ladder.notification.delivery.OutboundMessage;
import dev.ladder.notification.delivery.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One signed POST of a message to an endpoint, and what came of it. No redirect is followed (a redirect is a failure:
 * it could lead anywhere, past the address check), the address is checked again before every request, and only the
 * first few hundred bytes of an answer are read (and at most {@value #ERROR_CHARS} characters of them kept).
 */
public class WebhookPoster {

    public static final String USER_AGENT = "Ladder-Webhooks/1";
    static final int ERROR_CHARS = 200;
    private static final int READ_BYTES = 1024;

    private static final Logger log = LoggerFactory.getLogger(WebhookPoster.class);

    private final WebhookUrlGuard guard;
    private final WebhookBodies bodies;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Clock clock;
    private final HttpClient client;
    private final Traces traces;

    public WebhookPoster(WebhookUrlGuard guard, WebhookBodies bodies, Duration connectTimeout,
                         Duration requestTimeout, Traces traces) {
        this(guard, bodies, connectTimeout, requestTimeout, Clock.systemUTC(), traces);
    }

    WebhookPoster(WebhookUrlGuard guard, WebhookBodies bodies, Duration connectTimeout, Duration requestTimeout,
                  Clock clock, Traces traces) {
        this.traces = traces;
        this.guard = guard;
        this.bodies = bodies;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Never throws for anything the receiver or the network does. */
    public SendOutcome post(WebhookEndpoint endpoint, OutboundMessage message) {
        URI uri;
        try {
            uri = new URI(endpoint.url());
        } catch (URISyntaxException e) {
            return new SendOutcome.Failed(null, "The endpoint's URL is not valid");
        }
        var refusal = guard.refusal(uri);
        if (refusal.isPresent()) {
            log.info("Not sending message {} to webhook endpoint {}: {}", message.id(), endpoint.id(),
                    refusal.get().reason());
            return refusal.get().temporary()
                    ? new SendOutcome.Retry(null, refusal.get().reason(), null)
                    : new SendOutcome.Failed(null, "Refused: " + refusal.get().reason());
        }
        String body = bodies.render(endpoint.format(), message);
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        String id = message.id().toString();
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
            // the receiver may continue the trace (W3C Trace Context), as any traced HTTP client's callee does
            TraceContext trace = traces.current();
            if (trace != null) {
                builder.header(TraceContext.TRACEPARENT, trace.traceparent());
                if (trace.tracestate() != null) {
                    builder.header(TraceContext.TRACESTATE, trace.tracestate());
                }
            }
            request = builder
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature",
                            WebhookSignature.sign(id, timestamp, body, endpoint.signingSecrets(now)))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return new SendOutcome.Failed(null, "The endpoint's URL cannot be requested");
        }
        SendOutcome outcome = exchange(request);
        log.debug("Message {} to webhook endpoint {} ({}): {}", id, endpoint.id(), uri.getHost(), outcome);
        return outcome;
    }

    private SendOutcome exchange(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, info -> new Snippet());
        HttpResponse<String> response;
        try {
            // the request timeout covers waiting for the answer's head; this also bounds a body that trickles in
            response = future.get(connectTimeout.plus(requestTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new SendOutcome.Retry(null, "Timed out after " + requestTimeout.toMillis() + " ms", null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new SendOutcome.Retry(null, "Interrupted while sending", null);
        } catch (ExecutionException e) {
            return new SendOutcome.Retry(null, describe(e.getCause()), null);
        }
        return outcome(response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").orElse(null));
    }

    SendOutcome outcome(int status, String snippet, String retryAfter) {
        String error = "HTTP " + status + (snippet == null || snippet.isEmpty() ? "" : ": " + snippet);
        if (status >= 200 && status < 300) {
            return new SendOutcome.Delivered(status);
        }
        if (status == 410) {
            return new SendOutcome.Gone(status, error);
        }
        if (status >= 300 && status < 400) {
            return new SendOutcome.Retry(status, "HTTP " + status + ": redirects are not followed", null);
        }
        if (status == 429 || status == 503) {
            return new SendOutcome.Retry(status, error, retryAfter(retryAfter, clock.instant()));
        }
        return new SendOutcome.Retry(status, error, null);
    }

    /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String describe(Throwable error) {
        if (error instanceof HttpConnectTimeoutException) {
            return "Connecting timed out after " + connectTimeout.toMillis() + " ms";
        }
        if (error instanceof HttpTimeoutException) {
            return "Timed out after " + requestTimeout.toMillis() + " ms";
        }
        if (error instanceof ConnectException) {
            return "Could not connect";
        }
        String message = error.getMessage();
        String text = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return clean(text);
    }

    /** One line, printable, at most {@value #ERROR_CHARS} characters. */
    static String clean(String text) {
        String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        return line.length() <= ERROR_CHARS ? line : line.substring(0, ERROR_CHARS - 1) + "…";
    }

    /** Reads the first {@value #READ_BYTES} bytes of an answer and stops. */
    private static final class Snippet implements HttpResponse.BodySubscriber<String> {

        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int n = Math.min(buffer.remaining(), READ_BYTES - bytes.size());
                byte[] chunk = new byte[n];
                buffer.get(chunk);
                bytes.write(chunk, 0, n);
            }
            if (bytes.size() >= READ_BYTES) {
                subscription.cancel();
                complete();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable instanceof IOException ? throwable : new IOException(throwable));
        }

        @Override
        public void onComplete() {
            complete();
        }

        private void complete() {
            result.complete(clean(bytes.toString(StandardCharsets.UTF_8)));
        }
    }
}
