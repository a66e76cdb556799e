package dev.ladder.notification.privacy;

import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.kit.erasure.ErasedPerson;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Erases a person (GDPR Art. 17) in the transaction that records the {@code EmployeeErased} in the inbox. Reads their
 * name, e-mail and subject from the person copy first, then deletes every row about them — the copy, claims, held
 * certifications, their feed and feed cursor, preferences, delivery settings, e-mails to them (messages, items,
 * attempts), team news about them, summaries sent to them — and every item in other people's feeds, e-mails and
 * webhook messages that mentions them; mentions elsewhere are scrubbed (manager or deputy of others, owner and
 * description of a webhook endpoint they registered, which keeps serving its team, delivery errors, outbox payloads,
 * inbox ids). The person is remembered by the SHA-256 of their id only.
 */
@Service
public class Erasure {

    static final String CONSUMER = "notification.people";

    /** Notification kinds about someone other than the recipient (a report, a claimant): NotificationKind. */
    private static final String[] ABOUT_SOMEONE = {"REPORT_ADVANCED", "CLAIM_PENDING", "SKILL_SELF_ASSESSED",
            "REPORT_CERTIFICATION_EXPIRING"};
    private static final int MIN_MENTION = 4;

    private static final Logger log = LoggerFactory.getLogger(Erasure.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Inbox inbox;
    private final ApplicationEventPublisher events;

    Erasure(JdbcClient jdbc, JsonMapper json, Inbox inbox, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.inbox = inbox;
        this.events = events;
    }

    /** Published (in the transaction) once a person is erased: a live feed of theirs is closed. */
    public record PersonErased(List<String> employeeIds) {
    }

    @Transactional
    public void apply(EventId eventId, EmployeeErased event) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            log.debug("Event {} already applied, skipping", eventId);
            return;
        }
        String id = event.employeeId();
        // serialised with the copy's updates and whatever waits for the person (People.lock)
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('person:' || :id))").param("id", id)
                .query((rs, row) -> 1).single();
        ErasedPerson who = ErasedPerson.of(id, event.subject(), event.signInSubject());
        for (Map<String, Object> copy : jdbc.sql("SELECT subject, display_name, email FROM person "
                + "WHERE employee_id = :id OR subject = :subject").param("id", id)
                .param("subject", event.signInSubject()).query().listOfRows()) {
            who = who.with((String) copy.get("subject"), (String) copy.get("display_name"),
                    (String) copy.get("email"));
        }
        // their rows are stored under their employee id, or under their subject while they were not known here
        String[] own = {id, event.signInSubject()};
        delete("DELETE FROM person WHERE employee_id = ANY(:own)", own);
        delete("DELETE FROM claim WHERE employee_id = ANY(:own)", own);
        delete("DELETE FROM held_certification WHERE employee_id = ANY(:own)", own);
        delete("DELETE FROM notification WHERE employee_id = ANY(:own)", own);
        delete("DELETE FROM feed_cursor WHERE employee_id = ANY(:own)", own);
        delete("DELETE FROM preference WHERE employee_id = ANY(:own)", own);
        delete("DELETE FROM delivery_settings WHERE employee_id = ANY(:own)", own);
        delete("DELETE FROM team_news WHERE employee_id = ANY(:own)", own);
        delete("DELETE FROM team_summary_sent WHERE manager_id = ANY(:own)", own);
        deleteMessages("SELECT id FROM outbound_message WHERE channel = 'EMAIL' AND target = ANY(:own)", own);
        jdbc.sql("UPDATE person SET manager_id = NULL WHERE manager_id = ANY(:own)").param("own", own).update();
        jdbc.sql("UPDATE person SET deputy_id = NULL WHERE deputy_id = ANY(:own)").param("own", own).update();
        jdbc.sql("UPDATE webhook_endpoint SET owner_id = :erased WHERE owner_id = ANY(:own)").param("own", own)
                .param("erased", ErasedPerson.PLACEHOLDER).update();

        // items about them in other people's feeds, e-mails and webhook messages go; items where they are only
        // named (the verifier of someone's claim, a summary) stay with the mention scrubbed
        String[] terms = Arrays.stream(who.searchTerms()).filter(t -> t.length() >= MIN_MENTION)
                .toArray(String[]::new);
        delete("DELETE FROM notification WHERE kind = ANY(:about) AND "
                + mentions("id", "title", "message", "link"), terms);
        delete("DELETE FROM outbound_item WHERE kind = ANY(:about) AND "
                + mentions("notification_key", "title", "message", "link"), terms);
        delete("DELETE FROM team_news WHERE " + mentions("id", "title"), terms);
        for (String column : List.of("id", "title", "message", "link")) {
            who.scrubText(jdbc, "notification", column);
        }
        for (String column : List.of("notification_key", "title", "message", "link")) {
            who.scrubText(jdbc, "outbound_item", column);
        }
        // a message left without items has nothing to send (one that went out already keeps its log)
        deleteMessages("""
                SELECT id FROM outbound_message m WHERE status IN ('OPEN', 'RETRY', 'SENDING')
                AND NOT EXISTS (SELECT 1 FROM outbound_item i WHERE i.message_id = m.id)
                AND cardinality(:own::text[]) > 0""", own);
        who.scrubText(jdbc, "webhook_endpoint", "description");
        who.scrubText(jdbc, "webhook_endpoint", "disabled_reason");
        who.scrubText(jdbc, "outbound_message", "last_error");
        who.scrubText(jdbc, "delivery_attempt", "error");
        who.scrubKitTables(jdbc, json);
        who.remember(jdbc, event.erasureId(), event.erasedAt());
        events.publishEvent(new PersonErased(List.of(own)));
        log.info("Erasure {} applied", event.erasureId());
    }

    private static String mentions(String... columns) {
        StringBuilder condition = new StringBuilder("EXISTS (SELECT 1 FROM unnest(:own::text[]) t WHERE ");
        for (int i = 0; i < columns.length; i++) {
            condition.append(i == 0 ? "" : " OR ").append("strpos(coalesce(").append(columns[i])
                    .append(", ''), t) > 0");
        }
        return condition.append(")").toString();
    }

    private void delete(String sql, String[] values) {
        jdbc.sql(sql).param("own", values).param("about", ABOUT_SOMEONE).update();
    }

    private void deleteMessages(String select, String[] own) {
        List<Object> ids = jdbc.sql(select).param("own", own).query((rs, row) -> rs.getObject(1)).list();
        if (ids.isEmpty()) {
            return;
        }
        Object[] array = ids.toArray();
        jdbc.sql("DELETE FROM delivery_attempt WHERE message_id = ANY(CAST(:ids AS uuid[]))")
                .param("ids", strings(array)).update();
        jdbc.sql("DELETE FROM outbound_item WHERE message_id = ANY(CAST(:ids AS uuid[]))")
                .param("ids", strings(array)).update();
        jdbc.sql("DELETE FROM outbound_message WHERE id = ANY(CAST(:ids AS uuid[]))")
                .param("ids", strings(array)).update();
    }

    private static String[] strings(Object[] values) {
        String[] strings = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            strings[i] = values[i].toString();
        }
        return strings;
    }
}
