package dev.ladder.progress.team;

import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.rules.HeldCertification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * A team's members with their projection rows, in one query: a dashboard reads what the evaluations stored and never
 * the ledger, so its cost grows with the team, not with the history.
 */
@Repository
class TeamMembers {

    private static final TypeReference<Map<String, Integer>> SKILLS = new TypeReference<>() {
    };
    private static final TypeReference<List<HeldCertification>> CERTIFICATIONS = new TypeReference<>() {
    };

    /**
     * @param progress null when the member has not been evaluated (yet)
     */
    record Member(Employee employee, Stored progress) {
    }

    /** The projection columns a dashboard shows; skills and lapsing certifications as of the evaluated day. */
    record Stored(String trackId, String currentLevelId, String currentLevelName, String nextLevelId,
                  int readinessPercent, boolean atRisk, Map<String, Integer> skills,
                  List<HeldCertification> lapsing) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TeamMembers(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The team's active members: retired people leave the dashboard (their history stays). */
    List<Member> of(String teamId) {
        return jdbc.sql("""
                        SELECT e.employee_id, e.display_name, e.team_id, e.team_name, e.manager_id, e.track_id,
                               e.start_date, e.subject, e.deputy_manager_id, p.track_id AS progress_track_id, p.current_level_id,
                               p.current_level_name, p.next_level_id, p.readiness_percent, p.at_risk,
                               COALESCE(p.skills::text, '{}') AS skills,
                               COALESCE(p.lapsing_certifications::text, '[]') AS certifications
                        FROM employee e LEFT JOIN progress p ON p.employee_id = e.employee_id
                        WHERE e.team_id = :team AND e.active ORDER BY e.display_name, e.employee_id""")
                .param("team", teamId)
                .query((rs, row) -> {
                    Employee employee = new Employee(rs.getString("employee_id"), rs.getString("display_name"),
                            rs.getString("team_id"), rs.getString("team_name"), rs.getString("manager_id"),
                            rs.getString("track_id"), rs.getObject("start_date", java.time.LocalDate.class),
                            rs.getString("subject"), rs.getString("deputy_manager_id"), true);
                    String track = rs.getString("progress_track_id");
                    Stored stored = track == null ? null : new Stored(track, rs.getString("current_level_id"),
                            rs.getString("current_level_name"), rs.getString("next_level_id"),
                            rs.getInt("readiness_percent"), rs.getBoolean("at_risk"),
                            json.readValue(rs.getString("skills"), SKILLS),
                            json.readValue(rs.getString("certifications"), CERTIFICATIONS));
                    return new Member(employee, stored);
                })
                .list();
    }
}
