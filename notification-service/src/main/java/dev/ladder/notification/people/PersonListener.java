package dev.ladder.notification.people;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.kit.messaging.EventSubject;
import dev.ladder.notification.privacy.ErasedPeople;
import dev.ladder.notification.privacy.Erasure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.stereotype.Component;

/**
 * Who is who: every {@code EmployeeUpdated} into the local person copy (one transaction per record); one keyed or
 * addressed to another employee than it describes is dead-lettered ({@link EventSubject}).
 */
@Component
@KafkaListener(topics = Topics.EMPLOYEES, groupId = "${ladder.notification.consumer-group:notification}")
class PersonListener {

    private static final Logger log = LoggerFactory.getLogger(PersonListener.class);

    private final People people;
    private final Erasure erasure;
    private final ErasedPeople erased;

    PersonListener(People people, Erasure erasure, ErasedPeople erased) {
        this.people = people;
        this.erasure = erasure;
        this.erased = erased;
    }

    @KafkaHandler
    void on(EmployeeUpdated employee, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId, @Headers MessageHeaders record) {
        EventSubject.require(record, "employeeId", employee.employeeId());
        if (!erased.discards(employee.employeeId(), employee)) {
            people.apply(new EventId(source, eventId), employee);
        }
    }

    /** GDPR Art. 17: everything about the person goes ({@link Erasure}). */
    @KafkaHandler
    void on(EmployeeErased erasedPerson, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId, @Headers MessageHeaders record) {
        EventSubject.require(record, "employeeId", erasedPerson.employeeId());
        erasure.apply(new EventId(source, eventId), erasedPerson);
    }

    /** Newer event types on this topic are someone else's business until this service learns them. */
    @KafkaHandler(isDefault = true)
    void ignore(Object other, @Header(name = CloudEventHeaders.TYPE, required = false) String type) {
        log.debug("Ignoring event of type {} on {}", type, Topics.EMPLOYEES);
    }
}
