package dev.ladder.progress.privacy;

import dev.ladder.kit.security.Caller;
import dev.ladder.progress.employee.Employees;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The GDPR export (Art. 15/20) of the caller, found as {@code /me} finds them: by their sign-in subject. */
@Service
public class PersonalDataExport {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Employees employees;

    public PersonalDataExport(JdbcClient jdbc, JsonMapper json, Employees employees) {
        this.jdbc = jdbc;
        this.json = json;
        this.employees = employees;
    }

    @Transactional(readOnly = true)
    public PersonalData of(Caller caller) {
        Optional<String> me = employees.idOfSubject(caller.id());
        if (me.isEmpty()) {
            return new PersonalData("progress-service", null, null, null, List.of(), List.of(), List.of());
        }
        String id = me.get();
        return new PersonalData("progress-service", id,
                one("SELECT to_jsonb(t)::text FROM employee t WHERE employee_id = :id", id),
                one("SELECT to_jsonb(t)::text FROM progress t WHERE employee_id = :id", id),
                many("""
                        SELECT jsonb_agg(to_jsonb(t) ORDER BY t.effective_date, t.id)::text
                        FROM ledger_entry t WHERE employee_id = :id""", id),
                many("""
                        SELECT jsonb_agg(jsonb_build_object('milestoneId', m.milestone_id, 'emittedAt', m.emitted_at,
                                                            'event', o.payload::jsonb)
                                         ORDER BY m.emitted_at, m.milestone_id)::text
                        FROM emitted_milestone m LEFT JOIN outbox_event o ON o.event_id = m.milestone_id
                        WHERE m.employee_id = :id""", id),
                many("""
                        SELECT jsonb_agg(to_jsonb(t) ORDER BY t.since)::text
                        FROM employee_track t WHERE employee_id = :id""", id));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> one(String sql, String id) {
        return jdbc.sql(sql).param("id", id).query(String.class).optional()
                .map(text -> (Map<String, Object>) json.readValue(text, Map.class)).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> many(String sql, String id) {
        String text = jdbc.sql(sql).param("id", id).query(String.class).optional().orElse(null);
        return text == null ? List.of() : (List<Map<String, Object>>) json.readValue(text, List.class);
    }
}
