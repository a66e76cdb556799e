package dev.ladder.profile.audit;

import dev.ladder.kit.web.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The audit trail of the organisation and of what people take back (withdrawn claims and periods). Entries are written in the transaction of the change they describe (so a refused
 * or failed change leaves none) and never updated.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** {@code before}/{@code after}: the states as JSON-serialisable values (null = did not exist / no state). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Actor actor, String action, String employeeId, String teamId, Object before, Object after) {
        record(actor, action, employeeId, teamId, before, after, null);
    }

    /** {@link #record(Actor, String, String, String, Object, Object)} with the reason the actor gave (or null). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Actor actor, String action, String employeeId, String teamId, Object before, Object after,
                       String reason) {
        jdbc.sql("""
                        insert into audit_entry (at, actor_id, actor_username, action, employee_id, team_id,
                                                 before_state, after_state, reason)
                        values (:at, :actorId, :actorUsername, :action, :employeeId, :teamId,
                                cast(:before as jsonb), cast(:after as jsonb), :reason)
                        """)
                .param("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .param("actorId", actor.employeeId()).param("actorUsername", actor.username())
                .param("action", action).param("employeeId", employeeId).param("teamId", teamId)
                .param("before", before == null ? null : json.writeValueAsString(before))
                .param("after", after == null ? null : json.writeValueAsString(after))
                .param("reason", reason)
                .update();
    }

    /** Newest first; a null filter matches everything. */
    @Transactional(readOnly = true)
    public Page<AuditEntry> find(String employeeId, String teamId, int page, int size) {
        String where = " where (cast(:employeeId as varchar) is null or employee_id = :employeeId)"
                + " and (cast(:teamId as varchar) is null or team_id = :teamId)";
        long total = jdbc.sql("select count(*) from audit_entry" + where)
                .param("employeeId", employeeId).param("teamId", teamId).query(Long.class).single();
        List<AuditEntry> items = jdbc.sql("""
                        select id, at, actor_id, actor_username, action, employee_id, team_id,
                               before_state::text as before_state, after_state::text as after_state, reason
                          from audit_entry""" + where + " order by id desc limit :limit offset :offset")
                .param("employeeId", employeeId).param("teamId", teamId)
                .param("limit", size).param("offset", (long) page * size)
                .query(this::map).list();
        return new Page<>(items, page, size, total);
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor_id"),
                rs.getString("actor_username"), rs.getString("action"), rs.getString("employee_id"),
                rs.getString("team_id"), tree(rs.getString("before_state")), tree(rs.getString("after_state")),
                rs.getString("reason"));
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }
}
