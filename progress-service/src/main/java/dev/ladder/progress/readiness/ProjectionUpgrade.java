package dev.ladder.progress.readiness;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Rows written before the projection kept skills and certifications (migration V3) lack them: those employees are
 * evaluated again once, in chunks, when the service starts. Re-evaluating is idempotent, so two instances starting
 * together, or a restart halfway, do no harm.
 */
@Component
class ProjectionUpgrade {

    private static final Logger log = LoggerFactory.getLogger(ProjectionUpgrade.class);

    private final ProgressProjection projection;
    private final ReadinessService readiness;
    private final TransactionTemplate transactions;

    ProjectionUpgrade(ProgressProjection projection, ReadinessService readiness, TransactionTemplate transactions) {
        this.projection = projection;
        this.readiness = readiness;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void completeOldRows() {
        List<String> ids = projection.withoutSkills();
        for (int from = 0; from < ids.size(); from += ReadinessService.CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ReadinessService.CHUNK));
            transactions.executeWithoutResult(status -> readiness.reevaluate(chunk));
        }
        if (!ids.isEmpty()) {
            log.info("Re-evaluated {} employee(s) whose projection rows predate skills and certifications",
                    ids.size());
        }
    }
}
