package dev.ladder.catalog.privacy;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.kit.messaging.EventId;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * The one thing catalog-service reads about people: their erasure (GDPR Art. 17), in consumer group {@code catalog}.
 * Profile changes on the same topic are none of its business.
 */
@Component
@KafkaListener(topics = Topics.EMPLOYEES, groupId = "${ladder.catalog.consumer-group:catalog}")
class ErasureListener {

    private final Erasure erasure;

    ErasureListener(Erasure erasure) {
        this.erasure = erasure;
    }

    @KafkaHandler
    void on(EmployeeErased erased, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId) {
        erasure.apply(new EventId(source, eventId), erased);
    }

    @KafkaHandler(isDefault = true)
    void ignore(Object other) {
        // EmployeeUpdated: catalog-service keeps no copy of people
    }
}
