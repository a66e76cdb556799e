package dev.ladder.notification.inbound;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.kit.messaging.InvalidEventException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A record's key and {@code ce_subject} name the aggregate its event is about (README, Events: the employee id, or
 * a release's track id). A record where either names someone else is refused before anything is applied: applying
 * it would act on the payload's person while the producer meant another (or ordered it on another's partition), and
 * nobody could tell which one is right. Listeners call this first.
 */
public final class EventSubject {

    private EventSubject() {
    }

    /**
     * @param record the listener's {@code @Headers}
     * @param field  the payload field that names the aggregate, for the message
     * @param id     its value
     * @throws InvalidEventException when the key or the {@code ce_subject} is present and is not {@code id} — not
     *                               retried: the record is dead-lettered at once. Absent ones are not checked
     *                               ({@code ce_subject} is optional in CloudEvents).
     */
    public static void require(MessageHeaders record, String field, String id) {
        String key = text(record.get(KafkaHeaders.RECEIVED_KEY));
        String subject = text(record.get(CloudEventHeaders.SUBJECT));
        boolean keyDisagrees = key != null && !key.equals(id);
        boolean subjectDisagrees = subject != null && !subject.equals(id);
        if (keyDisagrees || subjectDisagrees) {
            throw new InvalidEventException("Record about another " + field + " than its payload: payload "
                    + field + " '" + id + "', key '" + key + "', " + CloudEventHeaders.SUBJECT + " '" + subject + "'");
        }
    }

    private static String text(Object header) {
        if (header instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return header == null ? null : Objects.toString(header);
    }
}
