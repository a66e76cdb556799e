package dev.ladder.profile.gdpr;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything profile-service holds about the caller (GDPR Art. 15/20), as one JSON document: their person record,
 * certification claims with their verification state and history, evidence files (content base64; at most 5 MB
 * each, one per claim), skill assessments, experience periods, placements, the audit entries about them or made by
 * them (the before/after states only of the entries about them: the states of a change they made to someone else
 * are that person's data), and the claims, assessments and placements they decided on as a manager. Read in one
 * read-only transaction, so the document is consistent. The whole document is built in memory: evidence files are
 * at most 5 MB each ({@code certification_evidence.size_bytes}), one per claim.
 */
@Service
public class PersonalDataExport {

    private final EmployeeRepository employees;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    PersonalDataExport(EmployeeRepository employees, JdbcClient jdbc, JsonMapper json) {
        this.employees = employees;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The caller's document. The caller is found by their sign-in subject and is not registered on first sight (an
     * export must not create the data it reports): someone Ladder holds nothing about gets 404. A retired person
     * still gets theirs.
     */
    @Transactional(readOnly = true)
    public Map<String, Object> export(Caller caller) {
        Employee me = employees.findBySubject(caller.id()).orElseThrow(() -> new NotFoundException(
                "Ladder's profile-service holds no employee for your account."));
        String id = me.id();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("service", "profile-service");
        document.put("employeeId", id);
        document.put("person", one("""
                select e.id as "employeeId", e.subject, e.username, e.external_id as "externalId",
                       e.display_name as "displayName", e.email, e.job_title as "jobTitle", e.team_id as "teamId",
                       t.name as "teamName", t.manager_id as "managerId", t.deputy_id as "deputyManagerId",
                       e.track_id as "trackId", e.region, e.start_date as "startDate", e.active,
                       e.needs_placement as "needsPlacement", e.created_at as "createdAt", e.updated_at as "updatedAt"
                  from employee e left join team t on t.id = e.team_id where e.id = :id""", id));
        document.put("ledTeams", rows("""
                select id as "teamId", name, manager_id = :id as "manager", deputy_id = :id as "deputy"
                  from team where manager_id = :id or deputy_id = :id order by id""", id));
        List<Map<String, Object>> certifications = rows("""
                select id, certification_id as "certificationId", certification_name as "certificationName",
                       credential_id as "credentialId", issuer, issued_on as "issuedOn", expires_on as "expiresOn",
                       verification_url as "verificationUrl", recorded_at as "recordedAt", updated_at as "updatedAt",
                       state, state_reason as "stateReason", decided_by as "decidedBy", decided_at as "decidedAt"
                  from certification_record where employee_id = :id order by recorded_at, id""", id);
        for (Map<String, Object> certification : certifications) {
            String recordId = certification.get("id").toString();
            certification.put("verificationHistory", rows("""
                    select at, actor_id as "actorId", action, reason
                      from audit_entry where employee_id = :id
                       and (before_state ->> 'id' = :recordId or after_state ->> 'id' = :recordId)
                     order by id""", id, Map.of("recordId", recordId)));
        }
        document.put("certifications", certifications);
        document.put("evidenceFiles", rows("""
                select v.certification_record_id as "certificationRecordId", v.filename,
                       v.content_type as "contentType", v.size_bytes as "sizeBytes", v.sha256,
                       v.uploaded_by as "uploadedBy", v.uploaded_at as "uploadedAt", v.content as "contentBase64"
                  from certification_evidence v join certification_record c on c.id = v.certification_record_id
                 where c.employee_id = :id order by v.uploaded_at, v.certification_record_id""", id));
        document.put("skillAssessments", rows("""
                select id, track_id as "trackId", skill_id as "skillId", proficiency, note, source,
                       assessed_by as "assessedBy", assessed_on as "assessedOn", recorded_at as "recordedAt", state,
                       decided_by as "decidedBy", decided_at as "decidedAt",
                       confirmed_by_assessment as "confirmedByAssessment"
                  from skill_assessment where employee_id = :id order by recorded_at, id""", id));
        document.put("experiencePeriods", rows("""
                select id, started_on as "startedOn", ended_on as "endedOn", description, state,
                       recorded_at as "recordedAt", updated_at as "updatedAt"
                  from experience_period where employee_id = :id order by started_on, id""", id));
        document.put("placements", rows("""
                select id, track_id as "trackId", level_id as "levelId", effective_on as "effectiveOn", reason,
                       placed_by as "placedBy", placed_at as "placedAt"
                  from placement where employee_id = :id order by effective_on, placed_at, id""", id));
        document.put("auditEntries", rows("""
                select id, at, actor_id as "actorId", actor_username as "actorUsername", action,
                       employee_id as "employeeId", team_id as "teamId",
                       case when employee_id = :id then before_state end as "before",
                       case when employee_id = :id then after_state end as "after", reason
                  from audit_entry where employee_id = :id or actor_id = :id order by id""", id));
        document.put("decidedAsManager", Map.of(
                "certifications", rows("""
                        select id, employee_id as "employeeId", certification_id as "certificationId",
                               certification_name as "certificationName", state, state_reason as "stateReason",
                               decided_at as "decidedAt"
                          from certification_record where decided_by = :id and employee_id <> :id
                         order by decided_at, id""", id),
                "skillAssessments", rows("""
                        select id, employee_id as "employeeId", track_id as "trackId", skill_id as "skillId",
                               proficiency, source, state, assessed_by = :id as "assessedByYou",
                               decided_by = :id as "decidedByYou", assessed_on as "assessedOn",
                               decided_at as "decidedAt"
                          from skill_assessment where (assessed_by = :id or decided_by = :id) and employee_id <> :id
                         order by recorded_at, id""", id),
                "placements", rows("""
                        select id, employee_id as "employeeId", track_id as "trackId", level_id as "levelId",
                               effective_on as "effectiveOn", placed_at as "placedAt"
                          from placement where placed_by = :id and employee_id <> :id order by placed_at, id""",
                        id)));
        return document;
    }

    private Map<String, Object> one(String sql, String id) {
        return rows(sql, id).stream().findFirst().orElseThrow();
    }

    private List<Map<String, Object>> rows(String sql, String id) {
        return rows(sql, id, Map.of());
    }

    private List<Map<String, Object>> rows(String sql, String id, Map<String, Object> more) {
        List<Map<String, Object>> rows = jdbc.sql(sql).param("id", id).params(more).query().listOfRows();
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> clean = new LinkedHashMap<>();
            row.forEach((column, value) -> clean.put(column, plain(value)));
            out.add(clean);
        }
        return out;
    }

    /** JDBC values as JSON-friendly ones: instants and dates as ISO text, bytes as base64, jsonb as JSON. */
    private Object plain(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof java.util.UUID uuid) {
            return uuid.toString();
        }
        if (value != null && value.getClass().getName().equals("org.postgresql.util.PGobject")) {
            String text = value.toString();
            return text == null ? null : json.readTree(text);
        }
        return value;
    }
}
