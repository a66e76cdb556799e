package dev.ladder.progress.ledger;

import dev.ladder.contracts.EventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.List;

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

    public void append(String eventId, String employeeId, EventType type, LocalDate effectiveDate, Object event) {
        jdbc.sql("""
                        INSERT INTO ledger_entry (employee_id, event_id, type, effective_date, payload)
                        VALUES (:employee, :eventId, :type, :effective, CAST(:payload AS jsonb))""")
                .param("employee", employeeId)
                .param("eventId", eventId)
                .param("type", type.id())
                .param("effective", effectiveDate)
                .param("payload", json.writeValueAsString(event))
                .update();
    }

    /** Everything recorded about the employee, in effective-date order (arrival order within a day). */
    public List<LedgerEntry> entries(String employeeId) {
        return jdbc.sql("""
                        SELECT id, event_id, type, effective_date, payload::text AS payload FROM ledger_entry
                        WHERE employee_id = :employee ORDER BY effective_date, id""")
                .param("employee", employeeId)
                .query((rs, row) -> {
                    String payload = rs.getString("payload");
                    Object event = EventType.byId(rs.getString("type"))
                            .map(type -> (Object) json.readValue(payload, type.payload())).orElse(null);
                    return new LedgerEntry(rs.getLong("id"), rs.getString("event_id"), rs.getString("type"),
                            rs.getObject("effective_date", LocalDate.class), event);
                })
                .list().stream()
                .filter(entry -> entry.event() != null)
                .toList();
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
