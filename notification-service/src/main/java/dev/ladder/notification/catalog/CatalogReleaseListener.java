package dev.ladder.notification.catalog;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Certification and skill names from every published catalog version. */
@Component
@KafkaListener(topics = Topics.CATALOG_RELEASES, groupId = "${ladder.notification.consumer-group:notification}")
class CatalogReleaseListener {

    private static final Logger log = LoggerFactory.getLogger(CatalogReleaseListener.class);

    private final CatalogNames names;

    CatalogReleaseListener(CatalogNames names) {
        this.names = names;
    }

    @KafkaHandler
    void on(CatalogVersionPublished release) {
        names.apply(release);
    }

    /** Newer event types on this topic are someone else's business until this service learns them. */
    @KafkaHandler(isDefault = true)
    void ignore(Object other) {
        log.debug("Ignoring {} on {}", other.getClass().getSimpleName(), Topics.CATALOG_RELEASES);
    }
}
