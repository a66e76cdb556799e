package dev.ladder.notification.delivery;

import java.time.Duration;

/** What one attempt to send an {@link OutboundMessage} came to. */
public sealed interface SendOutcome {

    /** The HTTP status (webhooks) or the SMTP reply (e-mail), when there was one. */
    Integer status();

    String error();

    /** Accepted by the receiver. */
    record Delivered(Integer status) implements SendOutcome {
        @Override
        public String error() {
            return null;
        }
    }

    /**
     * Try again later: on the retry schedule, or not before {@code retryAfter} when the receiver said so (429 or 503
     * with {@code Retry-After}); null = the schedule decides.
     */
    record Retry(Integer status, String error, Duration retryAfter) implements SendOutcome {
    }

    /** The target is gone for good (a webhook's {@code 410 Gone}): no retry, and the target is disabled. */
    record Gone(Integer status, String error) implements SendOutcome {
    }

    /** This message can never be sent (no e-mail address, endpoint deleted or disabled): no retry. */
    record Failed(Integer status, String error) implements SendOutcome {
    }
}
