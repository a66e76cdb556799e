package dev.ladder.progress.employee;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.kit.messaging.DeadLetters;
import dev.ladder.kit.messaging.EventBatches;
import dev.ladder.kit.messaging.EventSubject;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.config.BatchKafkaConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Batch listener: a poll of employee changes is one transaction ({@link EmployeeChanges#applyAll}), so a bulk import
 * or a new instance catching up does not cost a transaction per employee. {@code EmployeeErased} is applied in the
 * same batches ({@link EmployeeErasure}). Newer event types on this topic are
 * someone else's business until this service learns them.
 * <p>
 * A change or erasure keyed or addressed to another employee than its payload's is refused ({@link EventSubject}):
 * applied, it would change (or erase) one person while the producer meant another, and the key decides the order in
 * which one person's events are applied. It is dead-lettered in place with the reason, as an unreadable record is,
 * and the rest of the poll stays one transaction.
 */
@Component
class EmployeeListener {

    private final EmployeeChanges changes;
    private final DeadLetters deadLetters;

    EmployeeListener(EmployeeChanges changes, DeadLetters deadLetters) {
        this.changes = changes;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(topics = Topics.EMPLOYEES, groupId = ProgressApplication.CONSUMER,
            containerFactory = BatchKafkaConfig.BATCH_FACTORY, properties = "max.poll.records=500")
    void on(List<ConsumerRecord<String, Object>> records) {
        EventBatches.apply(Topics.EMPLOYEES, records, Object.class, EmployeeListener::refusal,
                event -> event instanceof EmployeeUpdated || event instanceof EmployeeErased, changes::applyEvents,
                (record, reason) -> deadLetters.send(record, reason, ProgressApplication.CONSUMER));
    }

    /** Why the record is not applied, or null. */
    private static String refusal(ConsumerRecord<String, Object> record) {
        if (record.value() instanceof EmployeeUpdated updated) {
            return EventSubject.disagreement(record, "employeeId", updated.employeeId());
        }
        if (record.value() instanceof EmployeeErased erased) {
            return EventSubject.disagreement(record, "employeeId", erased.employeeId());
        }
        return null;
    }
}
