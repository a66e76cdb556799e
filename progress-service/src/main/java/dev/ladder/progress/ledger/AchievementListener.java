package dev.ladder.progress.ledger;

import dev.ladder.contracts.Topics;
import dev.ladder.kit.messaging.DeadLetters;
import dev.ladder.kit.messaging.EventBatches;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.config.BatchKafkaConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * ladder.achievements.v1 is a public contract: other systems publish here too, so unknown Ladder types are ignored,
 * and a record whose key, subject or catalog references are wrong is refused ({@link AchievementChecks}).
 * <p>
 * Batch listener: a poll's records are applied in one transaction ({@link Achievements#applyAll}); a record that
 * fails, or cannot be read, is found and dead-lettered by {@link EventBatches}, and the partition keeps moving.
 */
@Component
class AchievementListener {

    private final Achievements achievements;
    private final AchievementChecks checks;
    private final DeadLetters deadLetters;

    AchievementListener(Achievements achievements, AchievementChecks checks, DeadLetters deadLetters) {
        this.achievements = achievements;
        this.checks = checks;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(topics = Topics.ACHIEVEMENTS, groupId = ProgressApplication.CONSUMER,
            containerFactory = BatchKafkaConfig.BATCH_FACTORY,
            // see application.yml
            concurrency = "${ladder.progress.achievements-consumers}",
            properties = "max.poll.records=${ladder.progress.achievements-batch-size}")
    void on(List<ConsumerRecord<String, Object>> records) {
        // a poison record is dead-lettered in place: the rest of the poll stays one transaction
        EventBatches.apply(Topics.ACHIEVEMENTS, records, Object.class, checks::refusal, Achievements::applies,
                achievements::applyAll,
                (record, reason) -> deadLetters.send(record, reason, ProgressApplication.CONSUMER));
    }
}
