package dev.ladder.progress.ledger;

import dev.ladder.contracts.EventType;
import dev.ladder.kit.messaging.EventId;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The append-only history of what each employee achieved, in the words of the events that told us, each with the
 * day it takes effect. State is always rebuilt from it, so a changed rule or catalog re-evaluates the same facts and
 * a fact that arrives late (a certification issued years ago) lands on its own date.
 */
@Repository
public class Ledger {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public Ledger(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Appends, in one INSERT and in list order, the entries whose event is not in the ledger yet. An event's source
     * and id are unique here together (CloudEvents makes only the pair unique: two producers may number alike), which
     * makes the ledger its own inbox: a redelivered event (or one twice in the list) inserts nothing, in the same
     * transaction as its effects. Entries appended before the source was kept have the source '' (V7) and still stand
     * for their id from any source, so an event applied before the upgrade is not appended again after it.
     *
     * @return the entries appended, with their sequence numbers, per employee in list order
     */
    public Map<String, List<LedgerEntry>> appendNew(List<NewEntry> entries) {
        if (entries.isEmpty()) {
            return Map.of();
        }
        // Entries from before sources were kept (source '') stand for their id from any source. Looked up apart, in
        // one statement for the whole list: as an anti-join inside the INSERT, the planner's guess on a young or
        // just emptied ledger (no statistics yet) checked every new row against the whole table, and one poll of
        // 2,500 took 30-50 s once the ledger held 100,000 entries (the ingest benchmark's stalls).
        Set<String> legacy = new HashSet<>(jdbc.sql("""
                        SELECT event_id FROM ledger_entry WHERE event_source = '' AND event_id = ANY(?::text[])""")
                .param(entries.stream().map(e -> e.eventId().id()).toArray(String[]::new))
                .query(String.class)
                .list());
        List<NewEntry> fresh = legacy.isEmpty() ? entries
                : entries.stream().filter(e -> !legacy.contains(e.eventId().id())).toList();
        int n = fresh.size();
        String[] employees = new String[n];
        String[] sources = new String[n];
        String[] eventIds = new String[n];
        String[] types = new String[n];
        String[] dates = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            NewEntry entry = fresh.get(i);
            employees[i] = entry.employeeId();
            sources[i] = entry.eventId().source();
            eventIds[i] = entry.eventId().id();
            types[i] = entry.type().id();
            dates[i] = entry.effectiveDate().toString();
            payloads[i] = json.writeValueAsString(entry.event());
        }
        Map<EventId, Long> sequences = new HashMap<>();
        if (n > 0) {
            jdbc.sql("""
                            INSERT INTO ledger_entry (employee_id, event_source, event_id, type, effective_date, payload)
                            SELECT e, s, id, t, d::date, p::json
                            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                                 AS x(e, s, id, t, d, p, n)
                            ORDER BY n
                            ON CONFLICT (event_source, event_id) DO NOTHING
                            RETURNING id, event_source, event_id""")
                    .params(employees, sources, eventIds, types, dates, payloads)
                    .query((RowCallbackHandler) rs -> sequences.put(new EventId(rs.getString(2), rs.getString(3)),
                            rs.getLong(1)));
        }
        Map<String, List<LedgerEntry>> appended = new HashMap<>();
        for (NewEntry entry : entries) {
            Long sequence = sequences.remove(entry.eventId()); // remove: the second of a repeated id was not inserted
            if (sequence != null) {
                appended.computeIfAbsent(entry.employeeId(), id -> new ArrayList<>()).add(new LedgerEntry(sequence,
                        entry.eventId().id(), entry.type().id(), entry.effectiveDate(), entry.event()));
            }
        }
        return appended;
    }

    /** Everything recorded about the employee, in effective-date order (arrival order within a day). */
    public List<LedgerEntry> entries(String employeeId) {
        return entries(List.of(employeeId)).getOrDefault(employeeId, List.of());
    }

    /**
     * Everything recorded about these employees, each history in effective-date order (arrival order within a day).
     * One index scan per employee, whatever the planner guesses: without statistics on a young or just emptied
     * ledger it would rather read the whole table once (OFFSET 0 keeps the per-employee subquery a subquery).
     */
    public Map<String, List<LedgerEntry>> entries(Collection<String> employeeIds) {
        Map<String, List<LedgerEntry>> histories = new HashMap<>();
        jdbc.sql("""
                        SELECT l.id, l.employee_id, l.event_id, l.type, l.effective_date, l.payload
                        FROM unnest(?::text[]) AS ids(id) CROSS JOIN LATERAL (
                            SELECT id, employee_id, event_id, type, effective_date, payload::text AS payload
                            FROM ledger_entry WHERE employee_id = ids.id OFFSET 0) l
                        ORDER BY l.employee_id, l.effective_date, l.id""")
                .param(employeeIds.toArray(String[]::new))
                .query((RowCallbackHandler) rs -> {
                    Optional<EventType> type = EventType.byId(rs.getString("type"));
                    if (type.isPresent()) {
                        histories.computeIfAbsent(rs.getString("employee_id"), id -> new ArrayList<>())
                                .add(new LedgerEntry(rs.getLong("id"), rs.getString("event_id"), type.get().id(),
                                        rs.getObject("effective_date", LocalDate.class),
                                        json.readValue(rs.getString("payload"), type.get().payload())));
                    }
                });
        return histories;
    }

    public List<String> employeesWithHistory() {
        return jdbc.sql("SELECT DISTINCT employee_id FROM ledger_entry ORDER BY employee_id").query(String.class)
                .list();
    }

    /** Employees with achievements but no profile yet: they are evaluated on the default track. */
    public List<String> employeesWithoutProfile() {
        return jdbc.sql("""
                        SELECT DISTINCT l.employee_id FROM ledger_entry l
                        WHERE NOT EXISTS (SELECT 1 FROM employee e WHERE e.employee_id = l.employee_id)
                        ORDER BY l.employee_id""")
                .query(String.class)
                .list();
    }
}
