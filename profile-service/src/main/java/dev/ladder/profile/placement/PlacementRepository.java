package dev.ladder.profile.placement;

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
class PlacementRepository {

    private final JdbcClient jdbc;

    PlacementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when a placement with this id exists already */
    boolean insert(Placement p) {
        return jdbc.sql("""
                        insert into placement (id, employee_id, track_id, level_id, effective_on, reason, placed_by,
                                               placed_at)
                        values (:id, :employeeId, :trackId, :levelId, :effectiveOn, :reason, :placedBy, :placedAt)
                        on conflict (id) do nothing
                        """)
                .param("id", p.id()).param("employeeId", p.employeeId()).param("trackId", p.trackId())
                .param("levelId", p.levelId()).param("effectiveOn", p.effectiveOn()).param("reason", p.reason())
                .param("placedBy", p.placedBy()).param("placedAt", Timestamp.from(p.placedAt()))
                .update() == 1;
    }

    private static final String SELECT = """
            select p.id, p.employee_id, p.track_id, p.level_id, l.name as level_name, p.effective_on,
                   p.reason, p.placed_by, p.placed_at
              from placement p left join catalog_level l
                on l.track_id = p.track_id and l.level_id = p.level_id
            """;

    /** One page of the employee's placements, newest effective date first. */
    List<Placement> byEmployee(String employeeId, int limit, long offset) {
        return jdbc.sql(SELECT + """
                         where p.employee_id = :employeeId order by p.effective_on desc, p.placed_at desc, p.id
                         limit :limit offset :offset""")
                .param("employeeId", employeeId).param("limit", limit).param("offset", offset)
                .query(PlacementRepository::map).list();
    }

    long count(String employeeId) {
        return jdbc.sql("select count(*) from placement where employee_id = :employeeId")
                .param("employeeId", employeeId).query(Long.class).single();
    }

    Optional<Placement> find(UUID id) {
        return jdbc.sql(SELECT + " where p.id = :id").param("id", id).query(PlacementRepository::map).optional();
    }

    private static Placement map(ResultSet rs, int row) throws SQLException {
        return new Placement(rs.getObject("id", UUID.class), rs.getString("employee_id"),
                rs.getString("track_id"), rs.getString("level_id"), rs.getString("level_name"),
                rs.getObject("effective_on", LocalDate.class), rs.getString("reason"),
                rs.getString("placed_by"), rs.getTimestamp("placed_at").toInstant());
    }
}
