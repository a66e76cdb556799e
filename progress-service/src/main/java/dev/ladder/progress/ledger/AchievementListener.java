package dev.ladder.progress.ledger;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
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
import java.util.List;

/**
 * ladder.achievements.v1 is a public contract: other systems publish here too, so unknown Ladder types are ignored.
 * <p>
 * Batch listener, but every record is applied in its own inbox transaction: one poison record must not roll back
 * (and so re-apply) the good records before it. A record that fails is reported by its index; the kit's error
 * handler then commits the offsets before it, retries or dead-letters it, and redelivers the rest — the partition
 * keeps moving, and already applied records that come again are dropped by the inbox (ce_id).
 */
@Component
class AchievementListener {

    private static final Logger log = LoggerFactory.getLogger(AchievementListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(AchievementListener.class);

    private final Achievements achievements;

    AchievementListener(Achievements achievements) {
        this.achievements = achievements;
    }

    @KafkaListener(topics = Topics.ACHIEVEMENTS, groupId = ProgressApplication.CONSUMER,
            containerFactory = AchievementsKafkaConfig.BATCH_FACTORY)
    void on(List<ConsumerRecord<String, Object>> records) {
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, Object> record = records.get(i);
            DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
            if (unreadable != null) {
                throw new BatchListenerFailedException("Unreadable record", unreadable, i);
            }
            try {
                apply(eventId(record), record.value());
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException("Could not apply " + eventId(record), e, i);
            }
        }
    }

    private void apply(String eventId, Object event) {
        if (event instanceof CertificationRecorded e) {
            achievements.apply(eventId, e);
        } else if (event instanceof CertificationVerified e) {
            achievements.apply(eventId, e);
        } else if (event instanceof CertificationRejected e) {
            achievements.apply(eventId, e);
        } else if (event instanceof CertificationRevoked e) {
            achievements.apply(eventId, e);
        } else if (event instanceof SkillAssessed e) {
            achievements.apply(eventId, e);
        } else if (event instanceof ExperienceRecorded e) {
            achievements.apply(eventId, e);
        } else {
            log.info("Ignoring {} on {}", event == null ? "an empty record" : event.getClass().getSimpleName(),
                    Topics.ACHIEVEMENTS);
        }
    }

    private static String eventId(ConsumerRecord<String, Object> record) {
        Header id = record.headers().lastHeader(CloudEventHeaders.ID);
        if (id == null) {
            throw new IllegalArgumentException("Record without " + CloudEventHeaders.ID + " header");
        }
        return new String(id.value(), StandardCharsets.UTF_8);
    }
}
