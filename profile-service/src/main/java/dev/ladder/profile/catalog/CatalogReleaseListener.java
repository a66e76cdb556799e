package dev.ladder.profile.catalog;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import java.util.Map;

@Component
@KafkaListener(topics = Topics.CATALOG_RELEASES, groupId = "${ladder.profile.consumer-group:profile}")
class CatalogReleaseListener implements ConsumerSeekAware {

    private final LocalCatalog catalog;

    CatalogReleaseListener(LocalCatalog catalog) {
        this.catalog = catalog;
    }

    @KafkaHandler
    void on(CatalogVersionPublished release, @Header(CloudEventHeaders.ID) String eventId) {
        catalog.apply(eventId, release);
    }

    /** Event types added to the topic later are not ours to fail on. */
    @KafkaHandler(isDefault = true)
    void ignore(Object other) {
    }

    /**
     * An empty local catalog with committed offsets means the database was reset (or restored) while the consumer
     * group lived on: replay the releases, or every certification would be "unknown". Replays are harmless — the
     * inbox and newest-version-wins make them no-ops.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (catalog.isEmpty()) {
            callback.seekToBeginning(assignments.keySet());
        }
    }
}
