package dev.ladder.notification.milestones;

import dev.ladder.contracts.progress.TrackReevaluated;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.notification.delivery.Notification;
import dev.ladder.notification.delivery.NotificationKind;
import dev.ladder.notification.delivery.Notifier;
import dev.ladder.notification.people.People;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Locale;

/**
 * A catalog release re-evaluated everyone on its track: one message for the admin who published it, however many
 * people it moved, and a post to the organisation's webhooks. A release imported with the seed names no publisher:
 * the organisation's webhooks alone hear of it.
 */
@Service
public class ReleaseNotifications {

    static final String CONSUMER = "notification.releases";
    static final String CATALOG_LINK = "#/catalog";

    private static final Logger log = LoggerFactory.getLogger(ReleaseNotifications.class);
    private static final String KIND = NotificationKind.CATALOG_REEVALUATED.name();

    private final Inbox inbox;
    private final Notifier notifier;
    private final People people;

    ReleaseNotifications(Inbox inbox, Notifier notifier, People people) {
        this.inbox = inbox;
        this.notifier = notifier;
        this.people = people;
    }

    /**
     * Redelivery of the same event (ce_source and ce_id) stops at the inbox; the same re-evaluation re-published under a new ce_id is
     * absorbed by the channels' idempotency on the notification id (derived from the re-evaluation id).
     */
    @Transactional
    public void reevaluated(EventId eventId, TrackReevaluated event) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            log.debug("Event {} already applied, skipping", eventId);
            return;
        }
        String key = KIND + ":" + event.reevaluationId();
        String title = titleOf(event);
        String message = messageOf(event);
        if (event.publishedBy() != null) {
            String admin = people.employeeIdOf(event.publishedBy());
            notifier.deliver(new Notification(key + ":" + admin, admin, KIND, title, message, event.occurredAt(),
                    CATALOG_LINK));
        }
        notifier.toTeam(null, key, new Notification(key, null, KIND, title, message, event.occurredAt(),
                CATALOG_LINK));
    }

    static String titleOf(TrackReevaluated event) {
        return event.trackName() + " v" + event.version() + " re-evaluated";
    }

    /** E.g. "AI &amp; ML Security Specialist v3 re-evaluated 1,000 people: 12 advanced, 3 moved down". */
    static String messageOf(TrackReevaluated event) {
        String people = count(event.evaluated()) + (event.evaluated() == 1 ? " person" : " people");
        String moves = event.advanced() == 0 && event.lowered() == 0 ? "nobody changed level"
                : count(event.advanced()) + " advanced, " + count(event.lowered()) + " moved down";
        return event.trackName() + " v" + event.version() + " re-evaluated " + people + ": " + moves;
    }

    private static String count(int n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }
}
