package dev.ladder.progress.ledger;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.config.AchievementsKafkaConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ladder.achievements.v1 is a public contract: other systems publish here too, so unknown Ladder types are ignored.
 * <p>
 * Batch listener: a poll's records are applied in one transaction ({@link Achievements#applyAll}). If that fails,
 * the records are applied one per transaction to find the one that fails, which is reported by its index; the kit's
 * error handler then commits the offsets before it, retries or dead-letters it, and redelivers the rest — the
 * partition keeps moving, and records applied meanwhile that come again are dropped by the inbox (ce_id). An
 * unreadable record is reported the same way, after the records before it are applied.
 */
@Component
class AchievementListener {

    private static final Logger log = LoggerFactory.getLogger(AchievementListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(AchievementListener.class);

    private record Indexed(int index, Achievements.Received received) {
    }

    private final Achievements achievements;

    AchievementListener(Achievements achievements) {
        this.achievements = achievements;
    }

    @KafkaListener(topics = Topics.ACHIEVEMENTS, groupId = ProgressApplication.CONSUMER,
            containerFactory = AchievementsKafkaConfig.BATCH_FACTORY,
            // larger polls spread each transaction's fixed cost over more events
            properties = "max.poll.records=${ladder.progress.achievements-batch-size:1000}")
    void on(List<ConsumerRecord<String, Object>> records) {
        List<Indexed> batch = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, Object> record = records.get(i);
            RuntimeException unreadable = unreadable(record);
            if (unreadable != null) {
                apply(batch);
                throw new BatchListenerFailedException("Unreadable record", unreadable, i);
            }
            if (Achievements.applies(record.value())) {
                batch.add(new Indexed(i, new Achievements.Received(eventId(record), record.value())));
            } else {
                log.info("Ignoring {} on {}", record.value() == null ? "an empty record"
                        : record.value().getClass().getSimpleName(), Topics.ACHIEVEMENTS);
            }
        }
        apply(batch);
    }

    private void apply(List<Indexed> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            achievements.applyAll(batch.stream().map(Indexed::received).toList());
        } catch (RuntimeException batchFailed) {
            log.warn("A batch of {} achievement(s) failed ({}); applying them one by one", batch.size(),
                    batchFailed.toString());
            for (Indexed one : batch) {
                try {
                    achievements.applyAll(List.of(one.received()));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("Could not apply " + one.received().eventId(), e,
                            one.index());
                }
            }
        }
        batch.clear();
    }

    /** Why the record cannot be applied at all, or null: it could not be deserialized, or it has no ce_id. */
    private static RuntimeException unreadable(ConsumerRecord<String, Object> record) {
        DeserializationException failed = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        if (failed != null) {
            return failed;
        }
        if (record.headers().lastHeader(CloudEventHeaders.ID) == null) {
            return new IllegalArgumentException("Record without " + CloudEventHeaders.ID + " header");
        }
        return null;
    }

    private static String eventId(ConsumerRecord<String, Object> record) {
        Header id = record.headers().lastHeader(CloudEventHeaders.ID);
        return new String(id.value(), StandardCharsets.UTF_8);
    }
}
