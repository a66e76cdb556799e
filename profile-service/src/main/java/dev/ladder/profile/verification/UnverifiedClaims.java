package dev.ladder.profile.verification;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * How many claims wait for a decision, per team and track: the admins' organisation overview. profile-service owns
 * the verification workflow, so the count is the queue's own state (PENDING), whatever the track's policy says about
 * counting unverified claims. One grouped query over the pending rows, bounded by the teams × tracks that have any.
 */
@Repository
class UnverifiedClaims {

    /** teamId null: people in no team. */
    record Count(String teamId, String trackId, long certifications, long skills) {
    }

    private final JdbcClient jdbc;

    UnverifiedClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<Count> byTeamAndTrack(Caller caller) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only admins see the organisation's unverified claims");
        }
        return jdbc.sql("""
                        select e.team_id, e.track_id,
                               count(*) filter (where q.kind = 'C') as certifications,
                               count(*) filter (where q.kind = 'S') as skills
                          from (select r.employee_id, 'C' as kind from certification_record r where r.state = 'PENDING'
                                union all
                                select s.employee_id, 'S' from skill_assessment s where s.state = 'PENDING') q
                          join employee e on e.id = q.employee_id
                         where e.active
                         group by e.team_id, e.track_id
                         order by e.team_id nulls last, e.track_id""")
                .query((rs, row) -> new Count(rs.getString("team_id"), rs.getString("track_id"),
                        rs.getLong("certifications"), rs.getLong("skills")))
                .list();
    }
}
