package dev.ladder.profile.verification;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.Page;
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

    /** Page {@code page} of the counts, by team id (people in no team last), then track id. */
    @Transactional(readOnly = true)
    Page<Count> byTeamAndTrack(Caller caller, int page, int size) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only admins see the organisation's unverified claims");
        }
        long total = jdbc.sql("select count(*) from (" + GROUPS + ") g").query(Long.class).single();
        if (Page.offset(page, size) >= total) {
            return new Page<>(List.of(), page, size, total);
        }
        return new Page<>(jdbc.sql(GROUPS + """
                         order by e.team_id nulls last, e.track_id nulls last
                         limit :limit offset :offset""")
                .param("limit", size).param("offset", Page.offset(page, size))
                .query((rs, row) -> new Count(rs.getString("team_id"), rs.getString("track_id"),
                        rs.getLong("certifications"), rs.getLong("skills")))
                .list(), page, size, total);
    }

    /** One row per team and track with pending claims (a team and track is unique: the order is stable). */
    private static final String GROUPS = """
                        select e.team_id, e.track_id,
                               count(*) filter (where q.kind = 'C') as certifications,
                               count(*) filter (where q.kind = 'S') as skills
                          from (select r.employee_id, 'C' as kind from certification_record r where r.state = 'PENDING'
                                union all
                                select s.employee_id, 'S' from skill_assessment s where s.state = 'PENDING') q
                          join employee e on e.id = q.employee_id
                         where e.active
                         group by e.team_id, e.track_id
                        """;
}
