package dev.ladder.notification.webhook;

import dev.ladder.notification.delivery.Grouping;
import dev.ladder.notification.delivery.OutboundChannel;
import dev.ladder.notification.delivery.OutboundItem;
import dev.ladder.notification.delivery.OutboundMessage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** Outbound webhook messages for tests. */
final class Messages {

    static final Instant AT = Instant.parse("2026-03-02T09:15:30Z");

    private Messages() {
    }

    static OutboundItem item(int n) {
        return new OutboundItem("key-" + n, "CLAIM_PENDING", "Alice Anders claims Security+ #" + n,
                "Alice Anders claims CompTIA Security+ — waiting for your verification", "#/verification",
                AT.plus(n, ChronoUnit.SECONDS));
    }

    static OutboundMessage single(String endpointId) {
        return new OutboundMessage(UUID.randomUUID(), OutboundChannel.WEBHOOK, endpointId, Grouping.NOW, 1, AT,
                List.of(item(1)));
    }

    static OutboundMessage grouped(String endpointId, int items) {
        return new OutboundMessage(UUID.randomUUID(), OutboundChannel.WEBHOOK, endpointId, Grouping.NOW, 1, AT,
                IntStream.rangeClosed(1, items).mapToObj(Messages::item).toList());
    }
}
