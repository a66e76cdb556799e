package dev.ladder.profile.scim;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What SCIM keeps beside the organisation's own tables: who was deleted over SCIM, the teams' external ids and
 * timestamps, and the lookups SCIM filters need. The people and teams themselves are changed only through the
 * organisation's application services.
 */
@Repository
class ScimStore {

    private static final String NOT_DELETED =
            " not exists (select 1 from scim_deleted_user d where d.employee_id = e.id)";

    private final JdbcClient jdbc;

    ScimStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A SCIM filter reduced to one attribute equal to one value; {@code attribute} null = everything. */
    record Match(String attribute, String value) {

        static final Match ALL = new Match(null, null);
    }

    // ----- users ---------------------------------------------------------------------------------------------------

    List<String> userIds(Match match, long offset, int limit) {
        return jdbc.sql("select e.id from employee e where" + NOT_DELETED + userCondition(match)
                        + " order by e.created_at, e.id limit :limit offset :offset")
                .param("value", match.value()).param("limit", limit).param("offset", offset)
                .query(String.class).list();
    }

    long countUsers(Match match) {
        return jdbc.sql("select count(*) from employee e where" + NOT_DELETED + userCondition(match))
                .param("value", match.value()).query(Long.class).single();
    }

    private static String userCondition(Match match) {
        if (match.attribute() == null) {
            return "";
        }
        return switch (match.attribute()) {
            case "userName" -> " and lower(e.username) = lower(:value)";
            case "externalId" -> " and e.external_id = :value";
            case "emails.value" -> " and lower(e.email) = lower(:value)";
            default -> throw new IllegalArgumentException(match.attribute());
        };
    }

    boolean deleted(String employeeId) {
        return jdbc.sql("select count(*) from scim_deleted_user where employee_id = :id").param("id", employeeId)
                .query(Long.class).single() > 0;
    }

    void markDeleted(String employeeId, Instant now) {
        jdbc.sql("insert into scim_deleted_user (employee_id, deleted_at) values (:id, :now) on conflict do nothing")
                .param("id", employeeId).param("now", Timestamp.from(now)).update();
    }

    Instant userCreated(String employeeId) {
        return jdbc.sql("select created_at from employee where id = :id").param("id", employeeId)
                .query(Timestamp.class).single().toInstant();
    }

    // ----- teams ---------------------------------------------------------------------------------------------------

    record TeamMeta(String externalId, Instant created, Instant lastModified) {
    }

    List<String> teamIds(Match match, long offset, int limit) {
        return jdbc.sql("select id from team where active" + teamCondition(match)
                        + " order by created_at, id limit :limit offset :offset")
                .param("value", match.value()).param("limit", limit).param("offset", offset)
                .query(String.class).list();
    }

    long countTeams(Match match) {
        return jdbc.sql("select count(*) from team where active" + teamCondition(match))
                .param("value", match.value()).query(Long.class).single();
    }

    private static String teamCondition(Match match) {
        if (match.attribute() == null) {
            return "";
        }
        return switch (match.attribute()) {
            case "displayName" -> " and lower(name) = lower(:value)";
            case "externalId" -> " and external_id = :value";
            default -> throw new IllegalArgumentException(match.attribute());
        };
    }

    TeamMeta teamMeta(String teamId) {
        return jdbc.sql("select external_id, created_at, updated_at from team where id = :id").param("id", teamId)
                .query((rs, row) -> new TeamMeta(rs.getString("external_id"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()))
                .single();
    }

    /** An active team of this name (case-insensitive) other than {@code exceptId}. */
    Optional<String> activeTeamNamed(String name, String exceptId) {
        return jdbc.sql("select id from team where active and lower(name) = lower(:name) and id <> :except limit 1")
                .param("name", name).param("except", exceptId == null ? "" : exceptId).query(String.class).optional();
    }

    boolean teamIdTaken(String teamId) {
        return jdbc.sql("select count(*) from team where id = :id").param("id", teamId).query(Long.class).single() > 0;
    }

    boolean teamExternalIdTaken(String externalId, String exceptId) {
        return jdbc.sql("select count(*) from team where external_id = :externalId and id <> :except")
                .param("externalId", externalId).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    void setTeamExternalId(String teamId, String externalId) {
        jdbc.sql("update team set external_id = :externalId where id = :id")
                .param("id", teamId).param("externalId", externalId).update();
    }
}
