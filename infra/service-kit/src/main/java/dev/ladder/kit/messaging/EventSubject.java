package dev.ladder.kit.messaging;

import dev.ladder.contracts.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A record's key and {@code ce_subject} name the aggregate its event is about (README, Events: the employee id, or
 * a release's track id). A record where either names someone else is refused before anything is applied: applying
 * it would act on the payload's person while the producer meant another (or ordered it on another's partition), and
 * nobody could tell which one is right. Listeners check this first: a record listener with {@link #require}, a batch
 * listener with {@link #disagreement} as its {@link EventBatches} refusal.
 * <p>
 * An absent key or {@code ce_subject} is not checked ({@code ce_subject} is optional in CloudEvents, and a key is
 * not required of producers).
 */
public final class EventSubject {

    private EventSubject() {
    }

    /**
     * @param record the listener's {@code @Headers}
     * @param field  the payload field that names the aggregate, for the message
     * @param id     its value
     * @throws InvalidEventException when the key or the {@code ce_subject} is present and is not {@code id} — not
     *                               retried: the record is dead-lettered at once, with the message as its reason
     */
    public static void require(MessageHeaders record, String field, String id) {
        String disagreement = disagreement(record.get(KafkaHeaders.RECEIVED_KEY),
                record.get(CloudEventHeaders.SUBJECT), field, id);
        if (disagreement != null) {
            throw new InvalidEventException(disagreement);
        }
    }

    /**
     * As {@link #require}, for a record as a batch listener receives it.
     *
     * @return why the record's key or {@code ce_subject} is not {@code id}, or null when they agree (or are absent)
     */
    public static String disagreement(ConsumerRecord<?, ?> record, String field, String id) {
        var subject = record.headers().lastHeader(CloudEventHeaders.SUBJECT);
        return disagreement(record.key(), subject == null ? null : subject.value(), field, id);
    }

    private static String disagreement(Object keyHeader, Object subjectHeader, String field, String id) {
        String key = text(keyHeader);
        String subject = text(subjectHeader);
        boolean keyDisagrees = key != null && !key.equals(id);
        boolean subjectDisagrees = subject != null && !subject.equals(id);
        if (!keyDisagrees && !subjectDisagrees) {
            return null;
        }
        return "Record about another " + field + " than its payload: payload " + field + " '" + id + "', key '" + key
                + "', " + CloudEventHeaders.SUBJECT + " '" + subject + "'";
    }

    private static String text(Object header) {
        if (header instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return header == null ? null : Objects.toString(header);
    }
}
