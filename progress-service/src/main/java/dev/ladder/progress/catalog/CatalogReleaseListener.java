package dev.ladder.progress.catalog;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.progress.ProgressApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

@Component
@KafkaListener(topics = Topics.CATALOG_RELEASES, groupId = ProgressApplication.CONSUMER)
class CatalogReleaseListener {

    private static final Logger log = LoggerFactory.getLogger(CatalogReleaseListener.class);

    private final CatalogReleases releases;

    CatalogReleaseListener(CatalogReleases releases) {
        this.releases = releases;
    }

    @KafkaHandler
    void on(CatalogVersionPublished event, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId) {
        releases.apply(new EventId(source, eventId), event);
    }

    /** Newer event types on this topic are someone else's business until this service learns them. */
    @KafkaHandler(isDefault = true)
    void ignore(Object other) {
        log.info("Ignoring {} on {}", other.getClass().getSimpleName(), Topics.CATALOG_RELEASES);
    }
}
