package dev.ladder.profile.catalog;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.kit.messaging.InvalidEventException;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.support.KafkaHeaders;
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

    /**
     * The contract keys a release by its track id (so one track's versions stay in order on one partition) and names
     * the track as {@code ce_subject}. A record whose key or subject names another track was produced against the
     * contract: applying it could let it overtake or be overtaken by that track's real releases, so it is
     * dead-lettered (not retried) instead.
     */
    @KafkaHandler
    void on(CatalogVersionPublished release, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId,
            @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key,
            @Header(name = CloudEventHeaders.SUBJECT, required = false) String subject) {
        if (!release.trackId().equals(key)) {
            throw new InvalidEventException("Release " + eventId + " of track '" + release.trackId()
                    + "' has key '" + key + "'; the key must be the track id");
        }
        if (subject != null && !release.trackId().equals(subject)) {
            throw new InvalidEventException("Release " + eventId + " of track '" + release.trackId()
                    + "' has ce_subject '" + subject + "'; the subject must be the track id");
        }
        catalog.apply(new EventId(source, eventId), release);
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
