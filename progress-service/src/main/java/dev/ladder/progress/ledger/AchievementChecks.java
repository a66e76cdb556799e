package dev.ladder.progress.ledger;

import dev.ladder.progress.catalog.CatalogReferences;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * What an achievement record must satisfy, beyond its payload's invariants and its producer's rights (both checked by
 * the kit's deserializer), before it is applied: it is about the employee its key names ({@link AchievementSubjects}), and the
 * certification or skill it names exists ({@link CatalogReferences}). Checked per record ahead of the batch's
 * transaction, so a refused record is dead-lettered alone, with the reason, and the records around it still apply.
 */
@Component
class AchievementChecks {

    private final CatalogReferences catalog;

    AchievementChecks(CatalogReferences catalog) {
        this.catalog = catalog;
    }

    /** Why the record is not applied, or null. */
    String refusal(ConsumerRecord<String, Object> record) {
        String disagreement = AchievementSubjects.disagreement(record);
        if (disagreement != null || !Achievements.applies(record.value())) {
            return disagreement;
        }
        return catalog.unknownReference(record.value());
    }
}
