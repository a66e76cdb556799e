package dev.ladder.profile.team;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

@Repository
public class TeamRepository {

    private final JdbcClient jdbc;

    TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Team> find(String id) {
        return jdbc.sql("select id, name, manager_id from team where id = :id").param("id", id)
                .query((rs, n) -> new Team(rs.getString("id"), rs.getString("name"), rs.getString("manager_id")))
                .optional();
    }

    public List<Team> managedBy(String managerId) {
        return jdbc.sql("select id, name, manager_id from team where manager_id = :managerId order by name, id")
                .param("managerId", managerId)
                .query((rs, n) -> new Team(rs.getString("id"), rs.getString("name"), rs.getString("manager_id")))
                .list();
    }

    public void upsert(Team team) {
        jdbc.sql("""
                        insert into team (id, name, manager_id) values (:id, :name, :managerId)
                        on conflict (id) do update set name = excluded.name, manager_id = excluded.manager_id
                        """)
                .param("id", team.id()).param("name", team.name()).param("managerId", team.managerId())
                .update();
    }
}
