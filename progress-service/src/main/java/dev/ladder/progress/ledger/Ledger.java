package dev.ladder.progress.ledger;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.progress.rules.HeldCertification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * The append-only history of what each employee achieved, in the words of the events that told us. State is always
 * rebuilt from it, so a changed rule or catalog re-evaluates the same facts.
 */
@Repository
public class Ledger {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public Ledger(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void append(String eventId, CertificationRecorded event) {
        jdbc.sql("""
                        INSERT INTO ledger_entry (employee_id, event_id, type, effective_date, payload)
                        VALUES (:employee, :eventId, :type, :effective, CAST(:payload AS jsonb))""")
                .param("employee", event.employeeId())
                .param("eventId", eventId)
                .param("type", EventType.CERTIFICATION_RECORDED.id())
                .param("effective", event.issuedOn())
                .param("payload", json.writeValueAsString(event))
                .update();
    }

    public List<HeldCertification> certifications(String employeeId) {
        return jdbc.sql("""
                        SELECT payload::text FROM ledger_entry
                        WHERE employee_id = :employee AND type = :type ORDER BY effective_date, id""")
                .param("employee", employeeId)
                .param("type", EventType.CERTIFICATION_RECORDED.id())
                .query(String.class)
                .list().stream()
                .map(payload -> json.readValue(payload, CertificationRecorded.class))
                .map(c -> new HeldCertification(c.certificationId(), c.issuedOn(), c.expiresOn()))
                .toList();
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
