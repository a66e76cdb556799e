package dev.ladder.notification.webhook;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code webhook_endpoint}, and the webhook side of the delivery log ({@code outbound_message} & co., read only). */
@Repository
class WebhookRepository {

    private static final String COLUMNS = """
            id, owner_id, team_id, url, format, kinds, description, secret, previous_secret, previous_secret_until,
            enabled, disabled_reason, disabled_at, failing_since, created_at, updated_at""";
    /** The most item titles the delivery log shows per message (the count tells the rest). */

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(WebhookEndpoint e) {
        jdbc.sql("""
                        INSERT INTO webhook_endpoint (id, owner_id, team_id, url, format, kinds, description, secret,
                                                      enabled, created_at, updated_at)
                        VALUES (:id, :owner, :team, :url, :format, :kinds, :description, :secret, :enabled, :now,
                                :now)""")
                .param("id", e.id())
                .param("owner", e.ownerId())
                .param("team", e.teamId())
                .param("url", e.url())
                .param("format", e.format().name())
                .param("kinds", e.kinds().toArray(String[]::new))
                .param("description", e.description())
                .param("secret", e.secret())
                .param("enabled", e.enabled())
                .param("now", Timestamp.from(e.createdAt()))
                .update();
    }

    Optional<WebhookEndpoint> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = :id")
                .param("id", id)
                .query(WebhookRepository::map)
                .optional();
    }

    /** The endpoint, locked until the transaction ends (health updates and edits do not overwrite each other). */
    Optional<WebhookEndpoint> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(WebhookRepository::map)
                .optional();
    }

    /**
     * One page of endpoints, newest first. {@code visibleTo} null = every endpoint (admins); else those the
     * employee owns or whose team is one of {@code teams}. {@code teamId} narrows to one team.
     */
    List<WebhookEndpoint> page(String visibleTo, Collection<String> teams, String teamId, int limit, long offset) {
        Filter filter = filter(visibleTo, teams, teamId);
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoint" + filter.where
                + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
        filter.params.forEach(statement::param);
        return statement.param("limit", limit).param("offset", offset).query(WebhookRepository::map).list();
    }

    long count(String visibleTo, Collection<String> teams, String teamId) {
        Filter filter = filter(visibleTo, teams, teamId);
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT count(*) FROM webhook_endpoint" + filter.where);
        filter.params.forEach(statement::param);
        return statement.query(Long.class).single();
    }

    private record Filter(String where, Map<String, Object> params) {
    }

    private static Filter filter(String visibleTo, Collection<String> teams, String teamId) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (visibleTo != null) {
            conditions.add("(owner_id = :me OR team_id = ANY(:teams))");
            params.put("me", visibleTo);
            params.put("teams", teams.toArray(String[]::new));
        }
        if (teamId != null) {
            conditions.add("team_id = :teamId");
            params.put("teamId", teamId);
        }
        return new Filter(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    void update(UUID id, String url, WebhookFormat format, List<String> kinds, String description, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_endpoint SET url = :url, format = :format, kinds = :kinds,
                                                    description = :description, updated_at = :now
                        WHERE id = :id""")
                .param("id", id)
                .param("url", url)
                .param("format", format.name())
                .param("kinds", kinds.toArray(String[]::new))
                .param("description", description)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Enables the endpoint afresh: healthy, no reason to be off. */
    void enable(UUID id, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_endpoint SET enabled = TRUE, disabled_reason = NULL, disabled_at = NULL,
                                                    failing_since = NULL, updated_at = :now
                        WHERE id = :id""")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** @return false when it was disabled already (nothing changed) */
    boolean disable(UUID id, String reason, Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_endpoint SET enabled = FALSE, disabled_reason = :reason, disabled_at = :now,
                                                    updated_at = :now
                        WHERE id = :id AND enabled""")
                .param("id", id)
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    void rotate(UUID id, String secret, Instant previousUntil, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_endpoint SET previous_secret = secret, previous_secret_until = :until,
                                                    secret = :secret, updated_at = :now
                        WHERE id = :id""")
                .param("id", id)
                .param("secret", secret)
                .param("until", Timestamp.from(previousUntil))
                .param("now", Timestamp.from(now))
                .update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM webhook_endpoint WHERE id = :id").param("id", id).update() == 1;
    }

    /** Healthy again: the current run of failures is over. */
    void healthy(UUID id) {
        jdbc.sql("UPDATE webhook_endpoint SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL")
                .param("id", id)
                .update();
    }

    /** Marks the start of a run of failures, unless one is already running. */
    void failing(UUID id, Instant since) {
        jdbc.sql("UPDATE webhook_endpoint SET failing_since = :since WHERE id = :id AND failing_since IS NULL")
                .param("id", id)
                .param("since", Timestamp.from(since))
                .update();
    }

    /** The enabled endpoints taking {@code kind} for {@code teamId}, and the organisation's if {@code orgWide}. */
    List<String> enabledFor(String teamId, String kind, boolean orgWide) {
        return jdbc.sql("""
                        SELECT id FROM webhook_endpoint
                        WHERE enabled AND :kind = ANY(kinds)
                          AND (team_id = :team OR (:orgWide AND team_id IS NULL))
                        ORDER BY created_at, id""")
                .param("kind", kind)
                .param("team", teamId == null ? "" : teamId)
                .param("orgWide", orgWide)
                .query((rs, row) -> rs.getString("id"))
                .list();
    }

    /** The teams {@code employeeId} manages or deputises for: the teams of the people they are manager or deputy of. */
    List<String> managedTeams(String employeeId) {
        return jdbc.sql("""
                        SELECT DISTINCT team_id FROM person
                        WHERE (manager_id = :me OR deputy_id = :me) AND team_id IS NOT NULL
                        ORDER BY team_id""")
                .param("me", employeeId)
                .query(String.class)
                .list();
    }

    private static WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
        Array kinds = rs.getArray("kinds");
        return new WebhookEndpoint(rs.getObject("id", UUID.class), rs.getString("owner_id"), rs.getString("team_id"),
                rs.getString("url"), WebhookFormat.valueOf(rs.getString("format")),
                List.copyOf(Arrays.asList((String[]) kinds.getArray())), rs.getString("description"),
                rs.getString("secret"), rs.getString("previous_secret"), instant(rs, "previous_secret_until"),
                rs.getBoolean("enabled"), rs.getString("disabled_reason"), instant(rs, "disabled_at"),
                instant(rs, "failing_since"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
