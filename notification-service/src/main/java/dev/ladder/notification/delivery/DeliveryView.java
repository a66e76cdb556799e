package dev.ladder.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One outbound message (an e-mail or a webhook request) in a delivery log, with every attempt made so far.
 *
 * @param id            the {@code webhook-id} or e-mail {@code Message-ID} the receiver saw
 * @param channel       EMAIL or WEBHOOK
 * @param target        the recipient's employee id (EMAIL) or the endpoint id (WEBHOOK)
 * @param status        OPEN (collecting), SENDING, RETRY, SENT, FAILED or CANCELLED
 * @param attempts      how many attempts were made
 * @param nextAttemptAt when it is due (OPEN) or tried again (RETRY); null otherwise
 * @param itemCount     how many notifications it carries
 * @param titles        their titles, oldest first (at most 50)
 */
public record DeliveryView(UUID id, String channel, String target, String grouping, String status, Instant createdAt,
                           int attempts,
                           Instant nextAttemptAt, Instant sentAt, Integer lastStatus, String lastError,
                           int itemCount, List<String> titles, List<Attempt> attemptLog) {

    /** One attempt: DELIVERED, RETRY, GONE or FAILED, with the HTTP status when there was one. */
    public record Attempt(int attempt, Instant startedAt, Instant finishedAt, String outcome, Integer statusCode,
                          String error, Instant nextAttemptAt) {
    }

    public DeliveryView frozen() {
        return new DeliveryView(id, channel, target, grouping, status, createdAt, attempts, nextAttemptAt, sentAt,
                lastStatus, lastError, itemCount, List.copyOf(titles), List.copyOf(attemptLog));
    }
}
