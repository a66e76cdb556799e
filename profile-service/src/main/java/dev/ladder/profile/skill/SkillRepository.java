package dev.ladder.profile.skill;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Repository
class SkillRepository {

    private static final String SELECT = """
            select id, employee_id, skill_id, proficiency, note, source, assessed_by, assessed_on, recorded_at,
                   state, decided_by, decided_at
              from skill_assessment
            """;

    private final JdbcClient jdbc;

    SkillRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AssessmentView a, String trackId) {
        jdbc.sql("""
                        insert into skill_assessment (id, employee_id, track_id, skill_id, proficiency, note, source,
                            assessed_by, assessed_on, recorded_at, state)
                        values (:id, :employeeId, :trackId, :skillId, :proficiency, :note, :source, :assessedBy,
                            :assessedOn, :recordedAt, :state)
                        """)
                .param("id", a.id()).param("employeeId", a.employeeId()).param("trackId", trackId)
                .param("skillId", a.skillId()).param("proficiency", a.proficiency()).param("note", a.note())
                .param("source", a.source()).param("assessedBy", a.assessedBy()).param("assessedOn", a.assessedOn())
                .param("recordedAt", Timestamp.from(a.recordedAt())).param("state", a.state())
                .update();
    }

    /** Earlier self-assessments of the skill still waiting for a manager no longer need one. */
    void supersedePending(String employeeId, String skillId, UUID except, Instant now) {
        jdbc.sql("""
                        update skill_assessment set state = 'SUPERSEDED', decided_at = :now
                         where employee_id = :employeeId and skill_id = :skillId and state = 'PENDING'
                           and id <> :except
                        """)
                .param("employeeId", employeeId).param("skillId", skillId).param("except", except)
                .param("now", Timestamp.from(now))
                .update();
    }

    void verify(UUID id, String decidedBy, UUID confirmation, Instant now) {
        jdbc.sql("""
                        update skill_assessment set state = 'VERIFIED', decided_by = :decidedBy, decided_at = :now,
                            confirmed_by_assessment = :confirmation
                         where id = :id
                        """)
                .param("id", id).param("decidedBy", decidedBy).param("confirmation", confirmation)
                .param("now", Timestamp.from(now))
                .update();
    }

    Optional<AssessmentView> lock(UUID id) {
        return jdbc.sql(SELECT + " where id = :id for update").param("id", id).query(SkillRepository::map)
                .optional();
    }

    /**
     * Of every skill the employee was assessed in, the newest {@code perSkill} assessments (the order that decides
     * the current proficiency: latest assessedOn, then recorded last), newest first.
     */
    List<AssessmentView> newestPerSkill(String employeeId, int perSkill) {
        return jdbc.sql("""
                        select * from (
                            select a.*, row_number() over (partition by skill_id
                                                           order by assessed_on desc, recorded_at desc, id) as n
                              from skill_assessment a where employee_id = :employeeId) newest
                         where n <= :perSkill order by assessed_on desc, recorded_at desc, id
                        """)
                .param("employeeId", employeeId).param("perSkill", perSkill).query(SkillRepository::map).list();
    }

    /** How many assessments the employee has per skill. */
    Map<String, Long> countsPerSkill(String employeeId) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select skill_id, count(*) as n from skill_assessment where employee_id = :employeeId group by skill_id")
                .param("employeeId", employeeId)
                .query((rs, row) -> counts.put(rs.getString("skill_id"), rs.getLong("n")))
                .list();
        return counts;
    }

    /** One page of the employee's assessments of one skill, newest first. */
    List<AssessmentView> history(String employeeId, String skillId, int limit, long offset) {
        return jdbc.sql(SELECT + """
                         where employee_id = :employeeId and skill_id = :skillId
                         order by assessed_on desc, recorded_at desc, id limit :limit offset :offset""")
                .param("employeeId", employeeId).param("skillId", skillId).param("limit", limit)
                .param("offset", offset).query(SkillRepository::map).list();
    }

    long countHistory(String employeeId, String skillId) {
        return jdbc.sql("select count(*) from skill_assessment where employee_id = :employeeId and skill_id = :skillId")
                .param("employeeId", employeeId).param("skillId", skillId).query(Long.class).single();
    }

    private static AssessmentView map(ResultSet rs, int row) throws SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new AssessmentView(rs.getObject("id", UUID.class), rs.getString("employee_id"),
                rs.getString("skill_id"), rs.getInt("proficiency"), rs.getString("note"), rs.getString("source"),
                rs.getString("assessed_by"), rs.getObject("assessed_on", LocalDate.class),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("state"), rs.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant());
    }
}
