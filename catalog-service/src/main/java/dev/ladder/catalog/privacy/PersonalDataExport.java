package dev.ladder.catalog.privacy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/** The GDPR export (Art. 15/20) of the caller: found by their token's subject, as the audit trail records them. */
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
        return new PersonalData("catalog-service", null, subject,
                many("""
                        SELECT jsonb_agg(to_jsonb(a) ORDER BY a.id)::text
                        FROM catalog_audit a WHERE a.actor_id = :subject""", subject),
                many("""
                        SELECT jsonb_agg(to_jsonb(d) ORDER BY d.track_id)::text FROM track_draft d
                        WHERE EXISTS (SELECT 1 FROM catalog_audit a WHERE a.track_id = d.track_id
                                      AND a.actor_id = :subject AND a.action IN ('IMPORT', 'DRAFT_UPDATE'))""",
                        subject),
                many("""
                        SELECT jsonb_agg(to_jsonb(v) ORDER BY v.track_id, v.version)::text FROM catalog_version v
                        WHERE EXISTS (SELECT 1 FROM catalog_audit a WHERE a.track_id = v.track_id
                                      AND a.version = v.version AND a.actor_id = :subject
                                      AND a.action = 'PUBLISH')""", subject));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> many(String sql, String subject) {
        String text = jdbc.sql(sql).param("subject", subject).query(String.class).optional().orElse(null);
        return text == null ? List.of() : (List<Map<String, Object>>) json.readValue(text, List.class);
    }
}
