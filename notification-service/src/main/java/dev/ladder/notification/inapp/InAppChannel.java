package dev.ladder.notification.inapp;

import dev.ladder.notification.delivery.Channel;
import dev.ladder.notification.delivery.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * In-app delivery is the stored row itself, numbered as the next of its recipient's feed; the feed endpoint reads it
 * and the recipient's live streams, on every instance, are told at commit ({@link LiveFeed}).
 */
@Component
class InAppChannel implements Channel {

    private static final Logger log = LoggerFactory.getLogger(InAppChannel.class);

    private final InAppNotificationRepository repository;

    InAppChannel(InAppNotificationRepository repository) {
        this.repository = repository;
    }

    @Override
    public String name() {
        return "in-app";
    }

    @Override
    public void deliver(Notification notification) {
        OptionalLong seq = repository.insert(notification);
        if (seq.isEmpty()) {
            log.info("Notification {} already stored, not duplicating it", notification.id());
            return;
        }
        repository.announce(notification.employeeId());
    }
}
