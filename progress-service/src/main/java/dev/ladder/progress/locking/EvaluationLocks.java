package dev.ladder.progress.locking;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;

/**
 * Transaction-scoped PostgreSQL advisory locks that keep concurrent listeners from losing an evaluation. Without the
 * catalog lock an achievement applied while a catalog release is committing sees no catalog, and the release does
 * not see the achievement yet: nobody evaluates the employee. Order is always catalog lock, then employee locks.
 * <p>
 * Its own package because the writers of what evaluations read take these locks before they write (catalog releases,
 * ledger appends) as well as the evaluations themselves (readiness): it sits below all of them.
 */
@Component
public class EvaluationLocks {

    private static final String CATALOG = "ladder-progress-catalog";

    private final JdbcClient jdbc;

    public EvaluationLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Taken by whoever changes the catalogs: waits for running evaluations, blocks new ones until commit. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void catalogExclusive() {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(hashtext(:key))").param("key", CATALOG)
                .query(Integer.class).single();
    }

    /**
     * One evaluation per employee at a time, and none while a catalog change is committing. Taken before an
     * employee's ledger entries are appended, so their sequence numbers follow commit order (see HistoryCache).
     * A batch takes its locks in one statement, ordered by lock key: two batches never wait on each other in a
     * circle.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void employees(Collection<String> employeeIds) {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock_shared(hashtext(:key))").param("key", CATALOG)
                .query(Integer.class).single();
        jdbc.sql("""
                        SELECT count(pg_advisory_xact_lock(key))
                        FROM (SELECT DISTINCT hashtext(id) AS key FROM unnest(?::text[]) AS id ORDER BY key) keys""")
                .param(employeeIds.toArray(String[]::new))
                .query(Long.class).single();
    }
}
