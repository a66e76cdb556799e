package dev.ladder.profile.certification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class CertificationRepository {

    private static final String SELECT = """
            select id, employee_id, certification_id, certification_name, credential_id, issuer, issued_on,
                   expires_on, recorded_at
              from certification_record
            """;

    private final JdbcClient jdbc;

    CertificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String employeeId, String certificationId, String credentialId) {
        return jdbc.sql("""
                        select count(*) from certification_record
                         where employee_id = :employeeId and certification_id = :certificationId
                           and credential_id = :credentialId
                        """)
                .param("employeeId", employeeId).param("certificationId", certificationId)
                .param("credentialId", credentialId).query(Long.class).single() > 0;
    }

    void insert(CertificationView r) {
        jdbc.sql("""
                        insert into certification_record (id, employee_id, certification_id, certification_name,
                            credential_id, issuer, issued_on, expires_on, recorded_at)
                        values (:id, :employeeId, :certificationId, :certificationName, :credentialId, :issuer,
                            :issuedOn, :expiresOn, :recordedAt)
                        """)
                .param("id", r.id()).param("employeeId", r.employeeId())
                .param("certificationId", r.certificationId()).param("certificationName", r.certificationName())
                .param("credentialId", r.credentialId()).param("issuer", r.issuer())
                .param("issuedOn", r.issuedOn()).param("expiresOn", r.expiresOn())
                .param("recordedAt", Timestamp.from(r.recordedAt()))
                .update();
    }

    /** Newest first: what the employee most recently earned is what they look for. */
    List<CertificationView> byEmployee(String employeeId) {
        return jdbc.sql(SELECT + " where employee_id = :employeeId order by issued_on desc, recorded_at desc, id")
                .param("employeeId", employeeId).query(CertificationRepository::map).list();
    }

    Optional<CertificationView> find(String employeeId, UUID id) {
        return jdbc.sql(SELECT + " where employee_id = :employeeId and id = :id")
                .param("employeeId", employeeId).param("id", id).query(CertificationRepository::map).optional();
    }

    private static CertificationView map(ResultSet rs, int row) throws SQLException {
        return new CertificationView(rs.getObject("id", UUID.class), rs.getString("employee_id"),
                rs.getString("certification_id"), rs.getString("certification_name"),
                rs.getString("credential_id"), rs.getString("issuer"), rs.getObject("issued_on", LocalDate.class),
                rs.getObject("expires_on", LocalDate.class), rs.getTimestamp("recorded_at").toInstant());
    }
}
