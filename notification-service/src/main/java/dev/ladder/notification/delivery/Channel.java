package dev.ladder.notification.delivery;

/**
 * A way of reaching an employee: in-app today; e-mail and webhook (Slack/Teams) are later channels.
 * <p>
 * Channels are called inside the transaction that consumes the event, so a channel only <em>records</em> work
 * (in-app: the notification row itself; e-mail/webhook: a pending-delivery row a sender polls) and never does
 * network I/O here — a slow SMTP server must not hold a Kafka partition or a database transaction. Every channel
 * must be idempotent per {@link Notification#id()}, because the same milestone may arrive more than once.
 */
public interface Channel {

    String name();

    void deliver(Notification notification);
}
