package dev.ladder.progress.employee;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.kit.messaging.EventBatches;
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
 */
@Component
class EmployeeListener {

    private final EmployeeChanges changes;

    EmployeeListener(EmployeeChanges changes) {
        this.changes = changes;
    }

    @KafkaListener(topics = Topics.EMPLOYEES, groupId = ProgressApplication.CONSUMER,
            containerFactory = BatchKafkaConfig.BATCH_FACTORY, properties = "max.poll.records=500")
    void on(List<ConsumerRecord<String, Object>> records) {
        EventBatches.apply(Topics.EMPLOYEES, records, Object.class,
                event -> event instanceof EmployeeUpdated || event instanceof EmployeeErased, changes::applyEvents);
    }
}
