package dev.ladder.notification.delivery;

import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.kit.inbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Turns a consumed milestone into a notification and hands it to every channel, exactly once per event. */
@Service
public class Notifier {

    static final String CONSUMER = "notification";

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final Inbox inbox;
    private final List<Channel> channels;

    public Notifier(Inbox inbox, List<Channel> channels) {
        this.inbox = inbox;
        this.channels = channels;
    }

    /**
     * The inbox row and the channels' writes commit together: a crash in between re-delivers the event and
     * nothing was half-applied. Redelivery of the same ce_id stops at the inbox; the same milestone under a new
     * ce_id is absorbed by the channels' idempotency on the notification id.
     */
    @Transactional
    public void milestoneReached(String eventId, MilestoneReached milestone) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            log.debug("Event {} already applied, skipping", eventId);
            return;
        }
        deliver(Notification.of(milestone));
    }

    /**
     * Hands a notification to every channel, inside the caller's transaction (the one that consumes the event), so
     * the channels' writes commit with the caller's inbox row and state.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void deliver(Notification notification) {
        for (Channel channel : channels) {
            channel.deliver(notification);
        }
    }
}
