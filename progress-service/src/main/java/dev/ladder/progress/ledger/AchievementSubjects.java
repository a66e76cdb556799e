package dev.ladder.progress.ledger;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.achievements.AchievementEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * Whose an achievement is: the record's key, its {@code ce_subject} (when set) and the payload's employee must be
 * the same person. The topic is open to other systems, and the key decides the partition (so the order in which one
 * person's events are applied) while the payload decides whose ledger they land in: a record where they disagree is
 * dead-lettered with the reason instead of being filed under someone else.
 */
final class AchievementSubjects {

    private AchievementSubjects() {
    }

    /** Why the record's key, subject and payload disagree, or null when they name the same employee. */
    static String disagreement(ConsumerRecord<String, Object> record) {
        if (!(record.value() instanceof AchievementEvent event)) {
            return null; // not an achievement of ours: ignored further on, never applied
        }
        String employee = event.employeeId();
        if (!employee.equals(record.key())) {
            return "The record key " + quoted(record.key()) + " is not the event's employeeId " + quoted(employee)
                    + ": achievements are keyed by the employee they are about";
        }
        Header subject = record.headers().lastHeader(CloudEventHeaders.SUBJECT);
        if (subject != null && !employee.equals(new String(subject.value(), StandardCharsets.UTF_8))) {
            return "ce_subject " + quoted(new String(subject.value(), StandardCharsets.UTF_8))
                    + " is not the event's employeeId " + quoted(employee);
        }
        return null;
    }

    private static String quoted(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }
}
