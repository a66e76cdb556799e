package dev.ladder.progress.employee;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.progress.ProgressApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

@Component
@KafkaListener(topics = Topics.EMPLOYEES, groupId = ProgressApplication.CONSUMER)
class EmployeeListener {

    private static final Logger log = LoggerFactory.getLogger(EmployeeListener.class);

    private final EmployeeChanges changes;

    EmployeeListener(EmployeeChanges changes) {
        this.changes = changes;
    }

    @KafkaHandler
    void on(EmployeeUpdated event, @Header(CloudEventHeaders.ID) String eventId) {
        changes.apply(eventId, event);
    }

    /** Newer event types on this topic are someone else's business until this service learns them. */
    @KafkaHandler(isDefault = true)
    void ignore(Object other) {
        log.info("Ignoring {} on {}", other.getClass().getSimpleName(), Topics.EMPLOYEES);
    }
}
