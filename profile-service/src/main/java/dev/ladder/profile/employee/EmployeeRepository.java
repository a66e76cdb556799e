package dev.ladder.profile.employee;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@Repository
public class EmployeeRepository {

    private static final String SELECT = """
            select e.id, e.subject, e.username, e.external_id, e.display_name, e.email, e.team_id,
                   t.name as team_name, t.manager_id, t.deputy_id, e.track_id, e.region, e.start_date, e.job_title,
                   e.needs_placement, e.active, e.version, e.updated_at
              from employee e left join team t on t.id = e.team_id
            """;

    private final JdbcClient jdbc;

    EmployeeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The attributes an admin (or the HR feed) sets on a person. */
    public record Attributes(String displayName, String email, String teamId, String trackId, String region,
                             LocalDate startDate, String jobTitle) {
    }

    /** Query of the people list; null filters match everyone. */
    public record Filter(String teamId, boolean unplacedOnly, String text, boolean includeRetired) {
    }

    public Optional<Employee> find(String id) {
        return jdbc.sql(SELECT + " where e.id = :id").param("id", id).query(EmployeeRepository::map).optional();
    }

    public Optional<Employee> findBySubject(String subject) {
        return jdbc.sql(SELECT + " where e.subject = :subject").param("subject", subject)
                .query(EmployeeRepository::map).optional();
    }

    /** People not linked to a sign-in account yet whose username is {@code username} (case-insensitive). */
    public List<Employee> unlinkedByUsername(String username) {
        return jdbc.sql(SELECT + " where e.subject is null and lower(e.username) = lower(:username)")
                .param("username", username).query(EmployeeRepository::map).list();
    }

    /** People not linked to a sign-in account yet whose e-mail is {@code email} (case-insensitive). */
    public List<Employee> unlinkedByEmail(String email) {
        return jdbc.sql(SELECT + " where e.subject is null and lower(e.email) = lower(:email)")
                .param("email", email).query(EmployeeRepository::map).list();
    }

    public boolean usernameTaken(String username) {
        return jdbc.sql("select count(*) from employee where lower(username) = lower(:username)")
                .param("username", username).query(Long.class).single() > 0;
    }

    public boolean externalIdTaken(String externalId) {
        return jdbc.sql("select count(*) from employee where external_id = :externalId")
                .param("externalId", externalId).query(Long.class).single() > 0;
    }

    public List<Employee> findByTeam(String teamId) {
        return jdbc.sql(SELECT + " where e.team_id = :teamId order by e.display_name, e.id")
                .param("teamId", teamId).query(EmployeeRepository::map).list();
    }

    public long countActiveMembers(String teamId) {
        return jdbc.sql("select count(*) from employee where team_id = :teamId and active")
                .param("teamId", teamId).query(Long.class).single();
    }

    public List<Employee> page(Filter filter, int limit, long offset) {
        return jdbc.sql(SELECT + where(filter) + " order by e.display_name, e.id limit :limit offset :offset")
                .params(params(filter)).param("limit", limit).param("offset", offset)
                .query(EmployeeRepository::map).list();
    }

    public long count(Filter filter) {
        return jdbc.sql("select count(*) from employee e" + where(filter)).params(params(filter))
                .query(Long.class).single();
    }

    private static String where(Filter f) {
        StringBuilder where = new StringBuilder(" where true");
        if (f.teamId() != null) {
            where.append(" and e.team_id = :teamId");
        }
        if (f.unplacedOnly()) {
            where.append(" and e.needs_placement");
        }
        if (f.text() != null) {
            where.append(" and (e.display_name ilike :text escape '\\' or e.email ilike :text escape '\\')");
        }
        if (!f.includeRetired()) {
            where.append(" and e.active");
        }
        return where.toString();
    }

    private static java.util.Map<String, Object> params(Filter f) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (f.teamId() != null) {
            params.put("teamId", f.teamId());
        }
        if (f.text() != null) {
            params.put("text", "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return params;
    }

    /** Someone who signed in without being provisioned; @return false when the id or subject is already there. */
    public boolean insertRegistered(String id, String subject, String username, String displayName, String email,
                                    String trackId, Instant now) {
        return jdbc.sql("""
                        insert into employee (id, subject, username, display_name, email, track_id, needs_placement,
                                              created_at, updated_at)
                        values (:id, :subject, :username, :displayName, :email, :trackId, true, :now, :now)
                        on conflict do nothing
                        """)
                .param("id", id).param("subject", subject).param("username", username)
                .param("displayName", displayName).param("email", email).param("trackId", trackId)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** A person provisioned by an admin or the HR feed; {@code subject} is usually null (not signed in yet). */
    public void insertProvisioned(String id, String subject, String username, String externalId, Attributes a,
                                  Instant now) {
        jdbc.sql("""
                        insert into employee (id, subject, username, external_id, display_name, email, team_id,
                                              track_id, region, start_date, job_title, created_at, updated_at)
                        values (:id, :subject, :username, :externalId, :displayName, :email, :teamId, :trackId,
                                :region, :startDate, :jobTitle, :now, :now)
                        """)
                .param("id", id).param("subject", subject).param("username", username)
                .param("externalId", externalId).params(attributes(a)).param("now", Timestamp.from(now))
                .update();
    }

    /** Links the person to a sign-in account; @return false when someone linked them meanwhile. */
    public boolean link(String id, String subject, Instant now) {
        return jdbc.sql("""
                        update employee set subject = :subject, version = version + 1, updated_at = :now
                         where id = :id and subject is null
                        """)
                .param("id", id).param("subject", subject).param("now", Timestamp.from(now)).update() == 1;
    }

    /**
     * Overwrites the attributes if the person is still at {@code version}; a team clears the "needs placement"
     * flag. @return false when the version moved on
     */
    public boolean update(String id, long version, Attributes a, Instant now) {
        return jdbc.sql("""
                        update employee set display_name = :displayName, email = :email, team_id = :teamId,
                               track_id = :trackId, region = :region, start_date = :startDate, job_title = :jobTitle,
                               needs_placement = needs_placement and cast(:teamId as varchar) is null,
                               version = version + 1, updated_at = :now
                         where id = :id and version = :version
                        """)
                .param("id", id).param("version", version).params(attributes(a)).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** @return false when the version moved on */
    public boolean retire(String id, long version, Instant now) {
        return jdbc.sql("""
                        update employee set active = false, version = version + 1, updated_at = :now
                         where id = :id and version = :version
                        """)
                .param("id", id).param("version", version).param("now", Timestamp.from(now)).update() == 1;
    }

    /** A team's name, manager or deputy changed: its members' announced state changed with it. */
    public void touchTeam(String teamId, Instant now) {
        jdbc.sql("update employee set updated_at = :now where team_id = :teamId")
                .param("teamId", teamId).param("now", Timestamp.from(now)).update();
    }

    private static java.util.Map<String, Object> attributes(Attributes a) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("displayName", a.displayName());
        params.put("email", a.email());
        params.put("teamId", a.teamId());
        params.put("trackId", a.trackId());
        params.put("region", a.region());
        params.put("startDate", a.startDate());
        params.put("jobTitle", a.jobTitle());
        return params;
    }

    private static Employee map(ResultSet rs, int row) throws SQLException {
        return new Employee(rs.getString("id"), rs.getString("subject"), rs.getString("username"),
                rs.getString("external_id"), rs.getString("display_name"), rs.getString("email"),
                rs.getString("team_id"), rs.getString("team_name"), rs.getString("manager_id"),
                rs.getString("deputy_id"), rs.getString("track_id"), rs.getString("region"),
                rs.getObject("start_date", LocalDate.class), rs.getString("job_title"),
                rs.getBoolean("needs_placement"), rs.getBoolean("active"), rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
