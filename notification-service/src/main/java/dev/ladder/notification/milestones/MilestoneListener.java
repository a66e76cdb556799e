package dev.ladder.notification.milestones;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.contracts.progress.TrackReevaluated;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.kit.messaging.EventSubject;
import dev.ladder.notification.privacy.ErasedPeople;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.stereotype.Component;

/**
 * Milestones to their employee (and some to the manager and the team), a track's re-evaluation to the admin who
 * published its release; one keyed or addressed to someone (or some track) else is dead-lettered
 * ({@link EventSubject}).
 */
@Component
@KafkaListener(topics = Topics.MILESTONES, groupId = "${ladder.notification.consumer-group:notification}")
class MilestoneListener {

    private static final Logger log = LoggerFactory.getLogger(MilestoneListener.class);

    private final MilestoneNotifications notifications;
    private final ReleaseNotifications releases;
    private final ErasedPeople erased;

    MilestoneListener(MilestoneNotifications notifications, ReleaseNotifications releases, ErasedPeople erased) {
        this.erased = erased;
        this.notifications = notifications;
        this.releases = releases;
    }

    @KafkaHandler
    void on(MilestoneReached milestone, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId, @Headers MessageHeaders record) {
        EventSubject.require(record, "employeeId", milestone.employeeId());
        if (erased.discards(milestone.employeeId(), milestone)) {
            return;
        }
        notifications.reached(new EventId(source, eventId), milestone);
    }

    @KafkaHandler
    void on(TrackReevaluated reevaluation, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId, @Headers MessageHeaders record) {
        EventSubject.require(record, "trackId", reevaluation.trackId());
        releases.reevaluated(new EventId(source, eventId), reevaluation);
    }

    /** A Ladder event type this service has no use for (yet): skipping it keeps the partition moving. */
    @KafkaHandler(isDefault = true)
    void ignore(Object other, @Header(name = CloudEventHeaders.TYPE, required = false) String type) {
        log.info("Ignoring event of type {} on {}", type, Topics.MILESTONES);
    }
}
