package dev.ladder.profile.team;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

@Repository
public class TeamRepository {

    private static final String SELECT = "select id, name, manager_id, deputy_id, active, version from team";

    private final JdbcClient jdbc;

    TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Team> find(String id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(TeamRepository::map).optional();
    }

    /** Active teams the employee leads as manager or deputy. */
    public List<Team> ledBy(String employeeId) {
        return jdbc.sql(SELECT + " where active and (manager_id = :id or deputy_id = :id) order by name, id")
                .param("id", employeeId).query(TeamRepository::map).list();
    }

    /** A page of {@link #ledBy}, by name (the id breaks ties). */
    public List<Team> ledBy(String employeeId, int limit, long offset) {
        return jdbc.sql(SELECT + " where active and (manager_id = :id or deputy_id = :id)"
                        + " order by name, id limit :limit offset :offset")
                .param("id", employeeId).param("limit", limit).param("offset", offset)
                .query(TeamRepository::map).list();
    }

    /** How many active teams the employee leads as manager or deputy. */
    public long countLedBy(String employeeId) {
        return jdbc.sql("select count(*) from team where active and (manager_id = :id or deputy_id = :id)")
                .param("id", employeeId).query(Long.class).single();
    }

    public List<Team> page(boolean includeRetired, int limit, long offset) {
        return jdbc.sql(SELECT + (includeRetired ? "" : " where active")
                        + " order by name, id limit :limit offset :offset")
                .param("limit", limit).param("offset", offset).query(TeamRepository::map).list();
    }

    public long count(boolean includeRetired) {
        return jdbc.sql("select count(*) from team" + (includeRetired ? "" : " where active"))
                .query(Long.class).single();
    }

    /** @return false when the id is taken */
    public boolean insert(String id, String name, String managerId, String deputyId) {
        return jdbc.sql("""
                        insert into team (id, name, manager_id, deputy_id) values (:id, :name, :managerId, :deputyId)
                        on conflict (id) do nothing
                        """)
                .param("id", id).param("name", name).param("managerId", managerId).param("deputyId", deputyId)
                .update() == 1;
    }

    /** @return false when the version moved on */
    public boolean update(String id, long version, String name, String managerId, String deputyId) {
        return jdbc.sql("""
                        update team set name = :name, manager_id = :managerId, deputy_id = :deputyId,
                               version = version + 1
                         where id = :id and version = :version
                        """)
                .param("id", id).param("version", version).param("name", name).param("managerId", managerId)
                .param("deputyId", deputyId).update() == 1;
    }

    /** @return false when the version moved on */
    public boolean retire(String id, long version) {
        return jdbc.sql("update team set active = false, version = version + 1 where id = :id and version = :version")
                .param("id", id).param("version", version).update() == 1;
    }

    private static Team map(ResultSet rs, int row) throws SQLException {
        return new Team(rs.getString("id"), rs.getString("name"), rs.getString("manager_id"),
                rs.getString("deputy_id"), rs.getBoolean("active"), rs.getLong("version"));
    }
}
