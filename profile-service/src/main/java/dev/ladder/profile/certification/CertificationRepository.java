package dev.ladder.profile.certification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class CertificationRepository {

    private static final String SELECT = """
            select r.id, r.employee_id, r.certification_id, r.certification_name, r.credential_id, r.issuer,
                   r.issued_on, r.expires_on, r.recorded_at, r.state, r.state_reason, r.decided_by, r.decided_at,
                   r.version, r.updated_at, r.verification_url,
                   f.filename, f.content_type, f.size_bytes, f.sha256, f.uploaded_at
              from certification_record r left join certification_evidence f on f.certification_record_id = r.id
            """;

    private final JdbcClient jdbc;

    CertificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the employee holds a live (not withdrawn) claim of this credential, other than {@code except}. */
    boolean exists(String employeeId, String certificationId, String credentialId, UUID except) {
        return jdbc.sql("""
                        select count(*) from certification_record
                         where employee_id = :employeeId and certification_id = :certificationId
                           and credential_id = :credentialId and state <> 'WITHDRAWN'
                           and id is distinct from :except
                        """)
                .param("employeeId", employeeId).param("certificationId", certificationId)
                .param("credentialId", credentialId).param("except", except).query(Long.class).single() > 0;
    }

    void insert(CertificationView r) {
        jdbc.sql("""
                        insert into certification_record (id, employee_id, certification_id, certification_name,
                            credential_id, issuer, issued_on, expires_on, recorded_at, state, version, updated_at)
                        values (:id, :employeeId, :certificationId, :certificationName, :credentialId, :issuer,
                            :issuedOn, :expiresOn, :recordedAt, 'PENDING', 1, :recordedAt)
                        """)
                .param("id", r.id()).param("employeeId", r.employeeId())
                .param("certificationId", r.certificationId()).param("certificationName", r.certificationName())
                .param("credentialId", r.credentialId()).param("issuer", r.issuer())
                .param("issuedOn", r.issuedOn()).param("expiresOn", r.expiresOn())
                .param("recordedAt", Timestamp.from(r.recordedAt()))
                .update();
    }

    /** New details: back to PENDING, a new version. */
    void edit(UUID id, String credentialId, String issuer, LocalDate issuedOn, LocalDate expiresOn, Instant now) {
        jdbc.sql("""
                        update certification_record set credential_id = :credentialId, issuer = :issuer,
                            issued_on = :issuedOn, expires_on = :expiresOn, state = 'PENDING', state_reason = null,
                            decided_by = null, decided_at = null, version = version + 1, updated_at = :now
                         where id = :id
                        """)
                .param("id", id).param("credentialId", credentialId).param("issuer", issuer)
                .param("issuedOn", issuedOn).param("expiresOn", expiresOn).param("now", Timestamp.from(now))
                .update();
    }

    void decide(UUID id, ClaimState state, String reason, String decidedBy, Instant now) {
        jdbc.sql("""
                        update certification_record set state = :state, state_reason = :reason,
                            decided_by = :decidedBy, decided_at = :now, version = version + 1, updated_at = :now
                         where id = :id
                        """)
                .param("id", id).param("state", state.name()).param("reason", reason).param("decidedBy", decidedBy)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** New evidence: a new version; a decided claim goes back to PENDING. */
    void evidenceChanged(UUID id, String verificationUrl, Instant now) {
        jdbc.sql("""
                        update certification_record set verification_url = :url, version = version + 1,
                            updated_at = :now, state = case when state = 'WITHDRAWN' then state else 'PENDING' end,
                            state_reason = null, decided_by = null, decided_at = null
                         where id = :id
                        """)
                .param("id", id).param("url", verificationUrl).param("now", Timestamp.from(now))
                .update();
    }

    void storeFile(UUID id, byte[] content, String sha256, String contentType, String filename, String uploadedBy,
                   Instant now) {
        jdbc.sql("""
                        insert into certification_evidence (certification_record_id, content, sha256, size_bytes,
                            content_type, filename, uploaded_by, uploaded_at)
                        values (:id, :content, :sha256, :size, :contentType, :filename, :uploadedBy, :now)
                        on conflict (certification_record_id) do update set content = excluded.content,
                            sha256 = excluded.sha256, size_bytes = excluded.size_bytes,
                            content_type = excluded.content_type, filename = excluded.filename,
                            uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at
                        """)
                .param("id", id).param("content", content).param("sha256", sha256).param("size", content.length)
                .param("contentType", contentType).param("filename", filename).param("uploadedBy", uploadedBy)
                .param("now", Timestamp.from(now))
                .update();
    }

    void deleteFile(UUID id) {
        jdbc.sql("delete from certification_evidence where certification_record_id = :id").param("id", id).update();
    }

    Optional<EvidenceContent> file(UUID id) {
        return jdbc.sql("""
                        select content, content_type, filename from certification_evidence
                         where certification_record_id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> new EvidenceContent(rs.getBytes("content"), rs.getString("content_type"),
                        rs.getString("filename")))
                .optional();
    }

    /** Newest first: what the employee most recently earned is what they look for. */
    /** One page of the employee's claims, newest issue date first. */
    List<CertificationView> byEmployee(String employeeId, int limit, long offset) {
        return jdbc.sql(SELECT + """
                         where r.employee_id = :employeeId order by r.issued_on desc, r.recorded_at desc, r.id
                         limit :limit offset :offset""")
                .param("employeeId", employeeId).param("limit", limit).param("offset", offset)
                .query(CertificationRepository::map).list();
    }

    long countByEmployee(String employeeId) {
        return jdbc.sql("select count(*) from certification_record where employee_id = :employeeId")
                .param("employeeId", employeeId).query(Long.class).single();
    }

    Optional<CertificationView> find(String employeeId, UUID id) {
        return jdbc.sql(SELECT + " where r.employee_id = :employeeId and r.id = :id")
                .param("employeeId", employeeId).param("id", id).query(CertificationRepository::map).optional();
    }

    /** Any employee's claim, locked for a change. */
    Optional<CertificationView> lock(UUID id) {
        jdbc.sql("select id from certification_record where id = :id for update").param("id", id)
                .query(UUID.class).optional();
        return jdbc.sql(SELECT + " where r.id = :id").param("id", id).query(CertificationRepository::map).optional();
    }

    private static CertificationView map(ResultSet rs, int row) throws SQLException {
        String employeeId = rs.getString("employee_id");
        UUID id = rs.getObject("id", UUID.class);
        CertificationView.EvidenceFile file = rs.getString("filename") == null ? null
                : new CertificationView.EvidenceFile(rs.getString("filename"), rs.getString("content_type"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getTimestamp("uploaded_at").toInstant(),
                "/api/profiles/" + employeeId + "/certifications/" + id + "/evidence");
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        Timestamp updatedAt = rs.getTimestamp("updated_at");
        return new CertificationView(id, employeeId,
                rs.getString("certification_id"), rs.getString("certification_name"),
                rs.getString("credential_id"), rs.getString("issuer"), rs.getObject("issued_on", LocalDate.class),
                rs.getObject("expires_on", LocalDate.class), rs.getTimestamp("recorded_at").toInstant(),
                ClaimState.valueOf(rs.getString("state")), rs.getString("state_reason"),
                rs.getString("decided_by"), decidedAt == null ? null : decidedAt.toInstant(), rs.getInt("version"),
                updatedAt == null ? null : updatedAt.toInstant(), rs.getString("verification_url"), file, null);
    }
}
