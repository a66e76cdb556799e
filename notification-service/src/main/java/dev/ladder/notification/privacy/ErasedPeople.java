package dev.ladder.notification.privacy;

import dev.ladder.kit.erasure.ErasedPerson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether an event is about someone erased (by the SHA-256 of their id in {@code erased_person}): such an event is
 * discarded and logged without the id — not dead-lettered, which would store the id again.
 */
@Service
public class ErasedPeople {

    private static final Logger log = LoggerFactory.getLogger(ErasedPeople.class);

    private final JdbcClient jdbc;

    ErasedPeople(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * In the caller's transaction, before it stores anything about the person: takes the person's lock — the one
     * their erasure takes (People.lock, {@link Erasure}) — and then answers as {@link #discards}. An erasure that
     * committed first is seen; one that comes later waits for this transaction and removes what it stored. Without
     * the lock, an event applied in the same instant as the erasure could store the person again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean discardsUnderLock(String employeeId, Object event) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('person:' || :id))").param("id", employeeId)
                .query((rs, row) -> 1).list();
        return discards(employeeId, event);
    }

    /** @return true (and logs the discard, without the id) if the event is about someone erased */
    @Transactional(readOnly = true)
    public boolean discards(String employeeId, Object event) {
        if (!ErasedPerson.isErased(jdbc, employeeId)) {
            return false;
        }
        log.info("Discarded a {} about an erased person",
                event instanceof CharSequence what ? what : event.getClass().getSimpleName());
        return true;
    }
}
