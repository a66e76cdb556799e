package dev.ladder.notification.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One webhook request (one outbound message) in an endpoint's delivery log, with every attempt made so far.
 *
 * @param id            the {@code webhook-id} the receiver saw
 * @param status        OPEN (collecting), SENDING, RETRY, SENT, FAILED or CANCELLED
 * @param attempts      how many attempts were made
 * @param nextAttemptAt when it is due (OPEN) or tried again (RETRY); null otherwise
 * @param itemCount     how many notifications it carries
 * @param titles        their titles, oldest first (at most 50)
 */
public record DeliveryView(UUID id, String grouping, String status, Instant createdAt, int attempts,
                           Instant nextAttemptAt, Instant sentAt, Integer lastStatus, String lastError,
                           int itemCount, List<String> titles, List<Attempt> attemptLog) {

    /** One attempt: DELIVERED, RETRY, GONE or FAILED, with the HTTP status when there was one. */
    public record Attempt(int attempt, Instant startedAt, Instant finishedAt, String outcome, Integer statusCode,
                          String error, Instant nextAttemptAt) {
    }

    DeliveryView frozen() {
        return new DeliveryView(id, grouping, status, createdAt, attempts, nextAttemptAt, sentAt, lastStatus,
                lastError, itemCount, List.copyOf(titles), List.copyOf(attemptLog));
    }
}
