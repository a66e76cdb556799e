package dev.ladder.notification.privacy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * The GDPR export (Art. 15/20) of the caller, found as the other {@code /me} endpoints find them: the person who
 * signs in with the token's subject, else the subject itself.
 */
@Service
public class PersonalDataExport {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PersonalDataExport(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public PersonalData of(String subject) {
        String id = jdbc.sql("""
                        SELECT employee_id FROM person WHERE subject = :subject
                        ORDER BY updated_at DESC, employee_id LIMIT 1""")
                .param("subject", subject).query(String.class).optional().orElse(subject);
        return new PersonalData("notification-service", id,
                one("SELECT to_jsonb(t)::text FROM person t WHERE employee_id = :id", id),
                many("SELECT jsonb_agg(to_jsonb(t) ORDER BY t.seq DESC)::text FROM notification t "
                        + "WHERE employee_id = :id", id),
                many("SELECT jsonb_agg(to_jsonb(t) ORDER BY t.kind, t.channel)::text FROM preference t "
                        + "WHERE employee_id = :id", id),
                one("SELECT to_jsonb(t)::text FROM delivery_settings t WHERE employee_id = :id", id),
                many("""
                        SELECT jsonb_agg(to_jsonb(t) || jsonb_build_object('secret', '***',
                                   'previous_secret', CASE WHEN t.previous_secret IS NULL THEN NULL ELSE '***' END)
                               ORDER BY t.created_at)::text
                        FROM webhook_endpoint t WHERE owner_id = :id""", id),
                many("""
                        SELECT jsonb_agg(to_jsonb(m) || jsonb_build_object(
                                   'items', (SELECT coalesce(jsonb_agg(to_jsonb(i) ORDER BY i.created_at), '[]')
                                             FROM outbound_item i WHERE i.message_id = m.id),
                                   'attempts', (SELECT coalesce(jsonb_agg(to_jsonb(a) ORDER BY a.attempt), '[]')
                                                FROM delivery_attempt a WHERE a.message_id = m.id))
                               ORDER BY m.created_at)::text
                        FROM outbound_message m WHERE m.channel = 'EMAIL' AND m.target = :id""", id),
                many("SELECT jsonb_agg(to_jsonb(t) ORDER BY t.achievement_id)::text FROM claim t "
                        + "WHERE employee_id = :id", id),
                many("SELECT jsonb_agg(to_jsonb(t) ORDER BY t.recorded_at)::text FROM held_certification t "
                        + "WHERE employee_id = :id", id),
                many("SELECT jsonb_agg(to_jsonb(t) ORDER BY t.occurred_at)::text FROM team_news t "
                        + "WHERE employee_id = :id", id),
                many("SELECT jsonb_agg(to_jsonb(t) ORDER BY t.due_at)::text FROM team_summary_sent t "
                        + "WHERE manager_id = :id", id));
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
