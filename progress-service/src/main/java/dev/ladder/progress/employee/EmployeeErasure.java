package dev.ladder.progress.employee;

import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.kit.erasure.ErasedPerson;
import dev.ladder.progress.locking.EvaluationLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Erases a person (GDPR Art. 17) in the transaction that records the {@code EmployeeErased} in the inbox: reads
 * their name and subject from the employee copy first, deletes every row about them (ledger, projection, employee
 * copy, track history, emitted milestones, outbox rows keyed by them) and scrubs every mention of them elsewhere
 * (manager or deputy of others, verifier/assessor/placer in others' ledger payloads, catalog snapshots, outbox
 * payloads, inbox ids). Team dashboards and trends are computed from the employee copy, the projection and the
 * ledger on read, so they no longer count the person. The person is remembered by the SHA-256 of their id only
 * ({@code erased_person}), so later events about them are discarded.
 */
@Service
public class EmployeeErasure {

    private static final Logger log = LoggerFactory.getLogger(EmployeeErasure.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EvaluationLocks locks;
    private final EmployeeReevaluation cache;

    public EmployeeErasure(JdbcClient jdbc, JsonMapper json, EvaluationLocks locks, EmployeeReevaluation cache) {
        this.jdbc = jdbc;
        this.json = json;
        this.locks = locks;
        this.cache = cache;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void erase(EmployeeErased event) {
        String id = event.employeeId();
        locks.employees(List.of(id));
        ErasedPerson who = ErasedPerson.of(id, event.subject(), event.signInSubject());
        for (Map<String, Object> copy : jdbc.sql("SELECT display_name, subject FROM employee WHERE employee_id = :id")
                .param("id", id).query().listOfRows()) {
            who = who.with((String) copy.get("display_name"), (String) copy.get("subject"));
        }
        // the ledger's append-only trigger lets this transaction delete and scrub (V10)
        jdbc.sql("SELECT set_config('ladder.erasure', 'on', true)").query(String.class).single();
        jdbc.sql("DELETE FROM ledger_entry WHERE employee_id = :id").param("id", id).update();
        for (String table : List.of("progress", "employee_track", "emitted_milestone", "employee")) {
            jdbc.sql("DELETE FROM " + table + " WHERE employee_id = :id").param("id", id).update();
        }
        jdbc.sql("UPDATE employee SET manager_id = NULL WHERE manager_id = :id").param("id", id).update();
        jdbc.sql("UPDATE employee SET deputy_manager_id = NULL WHERE deputy_manager_id = :id").param("id", id)
                .update();
        who.scrubJson(jdbc, json, "ledger_entry", "payload");
        who.scrubJson(jdbc, json, "catalog_version", "snapshot");
        who.scrubKitTables(jdbc, json);
        who.remember(jdbc, event.erasureId(), event.erasedAt());
        // cached histories (theirs, and others' that named them) are read again from the scrubbed ledger
        cache.forgetHistories();
        log.info("Erasure {} applied", event.erasureId());
    }

    /** The ones among these employee ids that were erased. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> erasedAmong(Collection<String> employeeIds) {
        return ErasedPerson.erasedAmong(jdbc, employeeIds);
    }
}
