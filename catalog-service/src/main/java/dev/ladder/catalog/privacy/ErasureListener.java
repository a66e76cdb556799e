package dev.ladder.catalog.privacy;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeErased;
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
 * The one thing catalog-service reads about people: their erasure (GDPR Art. 17), in consumer group {@code catalog}.
 * An erasure keyed or addressed to another employee than its payload names is dead-lettered with the reason and
 * erases nobody ({@link EventSubject}): which of the two was meant cannot be told, and an erasure cannot be undone.
 * Profile changes on the same topic are none of its business, even unreadable ones
 * ({@link dev.ladder.catalog.inbound.UnhandledTypeSkipper}).
 */
@Component
@KafkaListener(topics = Topics.EMPLOYEES, groupId = "${ladder.catalog.consumer-group:catalog}")
class ErasureListener {

    private static final Logger log = LoggerFactory.getLogger(ErasureListener.class);

    private final Erasure erasure;

    ErasureListener(Erasure erasure) {
        this.erasure = erasure;
    }

    @KafkaHandler
    void on(EmployeeErased erased, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId, @Headers MessageHeaders record) {
        EventSubject.require(record, "employeeId", erased.employeeId());
        erasure.apply(new EventId(source, eventId), erased);
    }

    /** EmployeeUpdated (catalog-service keeps no copy of people), and types this service has not learnt. */
    @KafkaHandler(isDefault = true)
    void ignore(Object other, @Header(name = CloudEventHeaders.TYPE, required = false) String type) {
        log.debug("Ignoring event of type {} on {}", type, Topics.EMPLOYEES);
    }
}
