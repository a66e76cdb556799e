package dev.ladder.notification.delivery;

/**
 * Sends outbound messages of one channel. Called by the delivery sender outside any database transaction (network
 * I/O never holds a transaction or a Kafka partition); must not throw for anything the receiver does — every such
 * case is a {@link SendOutcome}.
 */
public interface Transport {

    OutboundChannel channel();

    SendOutcome send(OutboundMessage message);

    /**
     * After an attempt's outcome is recorded, in a transaction of its own: lets the channel keep its target's health
     * (a webhook endpoint disabled after {@code 410} or after failing for too long, and its owner told).
     *
     * @param givingUp true when no further attempt will be made for this message
     */
    default void settled(OutboundMessage message, SendOutcome outcome, boolean givingUp) {
    }
}
