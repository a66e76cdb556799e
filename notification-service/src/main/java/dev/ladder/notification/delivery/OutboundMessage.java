package dev.ladder.notification.delivery;

import dev.ladder.kit.tracing.TraceContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One e-mail or webhook request as a {@link Transport} sends it. {@code id} is the same on every attempt: it is the
 * e-mail's {@code Message-ID} and the request's {@code webhook-id}, so a receiver can drop a repeat.
 *
 * @param target  EMAIL: the recipient's employee id; WEBHOOK: the endpoint id
 * @param attempt 1 for the first try
 * @param items   oldest first; more than one when a burst or a digest was grouped
 * @param trace   the trace of the latest item's event, which sending it continues; null when it had none
 */
public record OutboundMessage(UUID id, OutboundChannel channel, String target, Grouping grouping, int attempt,
                              Instant createdAt, List<OutboundItem> items, TraceContext trace) {

    /** A message that continues no trace. */
    public OutboundMessage(UUID id, OutboundChannel channel, String target, Grouping grouping, int attempt,
                           Instant createdAt, List<OutboundItem> items) {
        this(id, channel, target, grouping, attempt, createdAt, items, null);
    }

    public boolean grouped() {
        return grouping == Grouping.DAILY || grouping == Grouping.WEEKLY || items.size() > 1;
    }
}
