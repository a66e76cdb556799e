package dev.ladder.notification.catalog;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.kit.messaging.EventSubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.stereotype.Component;

/**
 * Certification and skill names from every published catalog version; one keyed or addressed to another track
 * than it publishes is dead-lettered ({@link EventSubject}).
 */
@Component
@KafkaListener(topics = Topics.CATALOG_RELEASES, groupId = "${ladder.notification.consumer-group:notification}")
class CatalogReleaseListener {

    private static final Logger log = LoggerFactory.getLogger(CatalogReleaseListener.class);

    private final CatalogNames names;

    CatalogReleaseListener(CatalogNames names) {
        this.names = names;
    }

    @KafkaHandler
    void on(CatalogVersionPublished release, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId, @Headers MessageHeaders record) {
        EventSubject.require(record, "trackId", release.trackId());
        names.apply(new EventId(source, eventId), release);
    }

    /** Newer event types on this topic are someone else's business until this service learns them. */
    @KafkaHandler(isDefault = true)
    void ignore(Object other, @Header(name = CloudEventHeaders.TYPE, required = false) String type) {
        log.debug("Ignoring event of type {} on {}", type, Topics.CATALOG_RELEASES);
    }
}
