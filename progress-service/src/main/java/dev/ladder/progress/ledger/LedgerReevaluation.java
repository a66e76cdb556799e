package dev.ladder.progress.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What recording achievements needs from whoever evaluates employees (readiness implements it): the employees whose
 * entries were just appended evaluated again, inside the batch's transaction, so ledger entries, projection rows and
 * milestones commit together or not at all. Declared here so that the ledger does not depend on readiness, which
 * reads it.
 */
public interface LedgerReevaluation {

    /**
     * Under the employees' evaluation locks, which the caller took before appending.
     *
     * @param appended the entries appended, with their sequence numbers, per employee in sequence order
     */
    void reevaluateAppended(Collection<String> employeeIds, Map<String, List<LedgerEntry>> appended);
}
