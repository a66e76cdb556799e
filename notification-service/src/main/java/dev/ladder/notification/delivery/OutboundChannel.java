package dev.ladder.notification.delivery;

/** The channels that leave this service over the network; in-app is the stored feed itself. */
public enum OutboundChannel {
    EMAIL,
    WEBHOOK
}
