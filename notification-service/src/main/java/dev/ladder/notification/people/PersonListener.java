package dev.ladder.notification.people;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/** Who is who: every {@code EmployeeUpdated} into the local person copy (one transaction per record). */
@Component
@KafkaListener(topics = Topics.EMPLOYEES, groupId = "${ladder.notification.consumer-group:notification}")
class PersonListener {

    private static final Logger log = LoggerFactory.getLogger(PersonListener.class);

    private final People people;

    PersonListener(People people) {
        this.people = people;
    }

    @KafkaHandler
    void on(EmployeeUpdated employee, @Header(CloudEventHeaders.ID) String eventId) {
        people.apply(eventId, employee);
    }

    /** Newer event types on this topic are someone else's business until this service learns them. */
    @KafkaHandler(isDefault = true)
    void ignore(Object other) {
        log.debug("Ignoring {} on {}", other.getClass().getSimpleName(), Topics.EMPLOYEES);
    }
}
