package dev.ladder.notification.delivery;

import dev.ladder.kit.metrics.LadderMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Locale;

/**
 * Counts deliveries per channel and outcome ({@link LadderMeters#NOTIFICATION_DELIVERIES}): an in-app notification
 * once the consuming transaction that stored it commits (a rolled-back one was never delivered), an e-mail or webhook
 * message once its attempt is settled.
 */
@Component
class DeliveryMeters {

    static final String IN_APP = "in_app";

    enum Outcome {
        /** Accepted by the receiver (in-app: stored in the feed). */
        DELIVERED,
        /** Failed; tried again later on the channel's schedule. */
        RETRIED,
        /** Can never be sent (no address, endpoint gone or disabled): not retried. */
        FAILED,
        /** Failed again with no retry left. */
        GAVE_UP;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    DeliveryMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void inAppDelivered() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count(IN_APP, Outcome.DELIVERED);
                }
            });
        } else {
            count(IN_APP, Outcome.DELIVERED);
        }
    }

    void settled(OutboundChannel channel, SendOutcome outcome, boolean retrying) {
        Outcome counted;
        if (outcome instanceof SendOutcome.Delivered) {
            counted = Outcome.DELIVERED;
        } else if (outcome instanceof SendOutcome.Retry) {
            counted = retrying ? Outcome.RETRIED : Outcome.GAVE_UP;
        } else {
            counted = Outcome.FAILED;
        }
        count(channel.name().toLowerCase(Locale.ROOT), counted);
    }

    private void count(String channel, Outcome outcome) {
        LadderMeters.NOTIFICATION_DELIVERIES.counter(registry, LadderMeters.CHANNEL, channel,
                LadderMeters.OUTCOME, outcome.tag()).increment();
    }
}
