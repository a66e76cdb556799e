package dev.ladder.notification.inapp;

import dev.ladder.notification.delivery.Channel;
import dev.ladder.notification.delivery.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** In-app delivery is the stored row itself; the feed endpoint reads it. */
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
        if (!repository.insert(notification)) {
            log.info("Notification {} already stored, not duplicating it", notification.id());
        }
    }
}
