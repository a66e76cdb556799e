package dev.ladder.notification.delivery;

/**
 * The in-app channel: the stored feed row (e-mail and webhooks are outbound messages instead: {@link Outbound},
 * {@link Transport}).
 * <p>
 * Called inside the transaction that consumes the event, so it only <em>records</em> — never network I/O, which must
 * not hold a Kafka partition or a database transaction. It must be idempotent per {@link Notification#id()}, because
 * the same milestone may arrive more than once.
 */
public interface Channel {

    String name();

    void deliver(Notification notification);
}
