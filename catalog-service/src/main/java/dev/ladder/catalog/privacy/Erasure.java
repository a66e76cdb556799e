package dev.ladder.catalog.privacy;

import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.kit.erasure.ErasedPerson;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erases an admin's identity (GDPR Art. 17) in the transaction that records the {@code EmployeeErased} in the inbox.
 * catalog-service knows people only as the actors of its audit trail (token subject and username) and as the
 * publisher of a release: the audit entries stay — what was imported, edited and published when is the catalog's
 * history — with the actor replaced by {@code erased}; mentions in drafts, published snapshots, outbox payloads
 * (a release's {@code publishedBy}) and inbox ids are scrubbed. The username is read from the trail first.
 */
@Service
public class Erasure {

    static final String CONSUMER = "catalog";

    private static final Logger log = LoggerFactory.getLogger(Erasure.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Inbox inbox;

    Erasure(JdbcClient jdbc, JsonMapper json, Inbox inbox) {
        this.jdbc = jdbc;
        this.json = json;
        this.inbox = inbox;
    }

    @Transactional
    public void apply(EventId eventId, EmployeeErased event) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            log.debug("Event {} already applied, skipping", eventId);
            return;
        }
        String[] actors = {event.employeeId(), event.signInSubject()};
        ErasedPerson who = ErasedPerson.of(event.employeeId(), event.subject(), event.signInSubject());
        for (String username : jdbc.sql("""
                        SELECT DISTINCT actor_username FROM catalog_audit
                        WHERE actor_id = ANY(:actors) AND actor_username IS NOT NULL""")
                .param("actors", actors).query(String.class).list()) {
            who = who.with(username);
        }
        jdbc.sql("""
                        UPDATE catalog_audit SET actor_id = :erased,
                               actor_username = CASE WHEN actor_username IS NULL THEN NULL ELSE :erased END
                        WHERE actor_id = ANY(:actors)""")
                .param("erased", ErasedPerson.PLACEHOLDER).param("actors", actors).update();
        who.scrubText(jdbc, "catalog_audit", "detail");
        who.scrubJson(jdbc, json, "track_draft", "document");
        who.scrubJson(jdbc, json, "catalog_version", "snapshot");
        who.scrubText(jdbc, "track", "source");
        who.scrubKitTables(jdbc, json);
        log.info("Erasure {} applied", event.erasureId());
    }
}
