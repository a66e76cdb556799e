package dev.ladder.notification.privacy;

import dev.ladder.kit.erasure.ErasedPerson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
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

    /** @return true (and logs the discard, without the id) if the event is about someone erased */
    @Transactional(readOnly = true)
    public boolean discards(String employeeId, Object event) {
        if (!ErasedPerson.isErased(jdbc, employeeId)) {
            return false;
        }
        log.info("Discarded a {} about an erased person", event.getClass().getSimpleName());
        return true;
    }
}
