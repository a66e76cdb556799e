package dev.ladder.profile.verification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Pending claims of both kinds, oldest first, read in one query. */
@Repository
class VerificationQueue {

    private static final String PENDING = """
            select 'CERTIFICATION' as kind, r.id, r.employee_id, e.display_name, e.team_id,
                   r.updated_at as claimed_at, r.certification_id as subject_id,
                   r.certification_name as subject_name, r.credential_id, r.issuer, r.issued_on, r.expires_on,
                   r.verification_url, f.filename, f.content_type, f.size_bytes, f.sha256, f.uploaded_at,
                   null::integer as proficiency, null::varchar as note, null::date as assessed_on,
                   coalesce(t.unverified_certifications_count, true) as counts
              from certification_record r
              join employee e on e.id = r.employee_id
              left join certification_evidence f on f.certification_record_id = r.id
              left join catalog_track t on t.track_id = e.track_id
             where r.state = 'PENDING'
            union all
            select 'SKILL', s.id, s.employee_id, e.display_name, e.team_id, s.recorded_at, s.skill_id,
                   coalesce(cs.name, s.skill_id), null, null, null, null, null, null, null, null, null, null,
                   s.proficiency, s.note, s.assessed_on, coalesce(t.self_assessed_skills_count, true)
              from skill_assessment s
              join employee e on e.id = s.employee_id
              left join catalog_skill cs on cs.track_id = s.track_id and cs.skill_id = s.skill_id
              left join catalog_track t on t.track_id = e.track_id
             where s.state = 'PENDING'
            """;

    private final JdbcClient jdbc;

    VerificationQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Teams having at least one member with a pending claim. */
    List<String> teamsWithPendingClaims() {
        return jdbc.sql("""
                        select distinct e.team_id from employee e
                         where e.team_id is not null
                           and (exists (select 1 from certification_record r
                                         where r.employee_id = e.id and r.state = 'PENDING')
                             or exists (select 1 from skill_assessment s
                                         where s.employee_id = e.id and s.state = 'PENDING'))
                        """)
                .query(String.class).list();
    }

    /** {@code teams} null = everyone's (admin). The caller's own claims are never theirs to decide. */
    List<QueueItem> page(String self, Collection<String> teams, int limit, long offset) {
        return jdbc.sql("select * from (" + PENDING + ") q where " + filter(teams)
                        + " order by claimed_at, id limit :limit offset :offset")
                .param("self", self).param("teams", teams == null ? List.of("") : teams)
                .param("limit", limit).param("offset", offset)
                .query(VerificationQueue::map).list();
    }

    long count(String self, Collection<String> teams) {
        return jdbc.sql("select count(*) from (" + PENDING + ") q where " + filter(teams))
                .param("self", self).param("teams", teams == null ? List.of("") : teams)
                .query(Long.class).single();
    }

    private static String filter(Collection<String> teams) {
        return teams == null ? "q.employee_id <> :self"
                : "q.employee_id <> :self and q.team_id in (:teams)";
    }

    private static QueueItem map(ResultSet rs, int row) throws SQLException {
        String kind = rs.getString("kind");
        UUID id = rs.getObject("id", UUID.class);
        String employeeId = rs.getString("employee_id");
        QueueItem.Certification certification = null;
        QueueItem.Skill skill = null;
        String decide;
        if (kind.equals("CERTIFICATION")) {
            QueueItem.Evidence evidence = rs.getString("filename") == null ? null : new QueueItem.Evidence(
                    rs.getString("filename"), rs.getString("content_type"), rs.getLong("size_bytes"),
                    rs.getString("sha256"), rs.getTimestamp("uploaded_at").toInstant(),
                    "/api/profiles/" + employeeId + "/certifications/" + id + "/evidence");
            certification = new QueueItem.Certification(rs.getString("subject_id"), rs.getString("subject_name"),
                    rs.getString("credential_id"), rs.getString("issuer"), rs.getObject("issued_on", LocalDate.class),
                    rs.getObject("expires_on", LocalDate.class), rs.getString("verification_url"), evidence);
            decide = "/api/profiles/verification/certifications/" + id;
        } else {
            skill = new QueueItem.Skill(rs.getString("subject_id"), rs.getString("subject_name"),
                    rs.getInt("proficiency"), rs.getString("note"), rs.getObject("assessed_on", LocalDate.class));
            decide = "/api/profiles/verification/skills/" + id;
        }
        return new QueueItem(kind, id, employeeId, rs.getString("display_name"),
                rs.getTimestamp("claimed_at").toInstant(), rs.getBoolean("counts"), decide, certification, skill);
    }
}
