package dev.ladder.profile.gdpr;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.kit.outbox.Outbox;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ConflictException;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.profile.audit.Actor;
import dev.ladder.profile.audit.AuditLog;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeEvents;
import dev.ladder.profile.employee.EmployeeRepository;
import dev.ladder.profile.employee.EmployeeService;
import dev.ladder.profile.organisation.Admins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GDPR erasure (Art. 17) of a person, in one transaction: everything profile-service holds about them is deleted,
 * every mention of them in other people's data is replaced by {@link #PLACEHOLDER}, the people they led are announced
 * without them, and {@code EmployeeErased} is written to the outbox last. {@link TopicPurger} then deletes the
 * topics' records up to it once every consumer group has read past it.
 */
@Service
public class Erasures {

    /** What replaces the person's id, subject, name, e-mail and username wherever others' data mentioned them. */
    public static final String PLACEHOLDER = "erased";

    private static final Logger log = LoggerFactory.getLogger(Erasures.class);
    /** PostgreSQL regular expression constraints: no letter, digit or underscore right before / after. */
    private static final String NOT_IN_A_WORD_BEFORE_PG = "(?<![[:alnum:]_])";
    private static final String NOT_IN_A_WORD_AFTER_PG = "(?![[:alnum:]_])";

    private final EmployeeService employeeService;
    private final EmployeeRepository employees;
    private final EmployeeEvents events;
    private final AuditLog audit;
    private final Outbox outbox;
    private final ErasureRepository erasures;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Erasures(EmployeeService employeeService, EmployeeRepository employees, EmployeeEvents events, AuditLog audit,
             Outbox outbox, ErasureRepository erasures, JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.employeeService = employeeService;
        this.employees = employees;
        this.events = events;
        this.audit = audit;
        this.outbox = outbox;
        this.erasures = erasures;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Erases {@code request.employeeId()}. 403 unless the caller is an admin; 404 for an id nobody has (an erased
     * person included), as every admin 404; 409 for the admin themselves.
     */
    @Transactional
    public ErasureView erase(Caller caller, EraseRequest request) {
        Actor admin = Admins.admin(employeeService, caller);
        String id = request.employeeId();
        // the row lock makes a concurrent erasure (or change) of the same person wait, then find nobody
        if (jdbc.sql("select id from employee where id = :id for update").param("id", id).query(String.class)
                .optional().isEmpty()) {
            throw EmployeeService.notFound(id);
        }
        Employee person = employees.find(id).orElseThrow(() -> EmployeeService.notFound(id));
        if (person.id().equals(admin.employeeId())) {
            throw new ConflictException("An admin cannot erase themselves; ask another admin.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<String> tokens = tokens(person);
        // the outbox: id, subject, name and e-mail as they appear inside a JSON payload (escaped, without the
        // quotes, so also within a longer string); events carry no usernames
        List<String> inJson = java.util.stream.Stream.of(person.id(), person.subject(), person.displayName(),
                        person.email())
                .filter(t -> t != null && !t.isBlank()).map(json::writeValueAsString)
                .map(q -> q.substring(1, q.length() - 1)).toList();

        // 1. the people they led: the teams lose them as manager or deputy, and every member is announced so
        List<String> ledTeams = jdbc.sql("""
                        update team set manager_id = case when manager_id = :id then null else manager_id end,
                                        deputy_id = case when deputy_id = :id then null else deputy_id end,
                                        version = version + 1
                         where manager_id = :id or deputy_id = :id
                        returning id""")
                .param("id", id).query(String.class).list();

        // 2. their own rows (evidence goes with its claim: on delete cascade)
        int claims = delete("certification_record", id);
        int skills = delete("skill_assessment", id);
        int periods = delete("experience_period", id);
        int placements = delete("placement", id);
        delete("scim_deleted_user", id);
        int auditAbout = delete("audit_entry", id);
        jdbc.sql("delete from employee where id = :id").param("id", id).update();

        // 3. mentions of them in other people's rows
        placeholder("certification_record", "decided_by", id);
        placeholder("certification_evidence", "uploaded_by", id);
        placeholder("skill_assessment", "assessed_by", id);
        placeholder("skill_assessment", "decided_by", id);
        placeholder("placement", "placed_by", id);
        placeholder("erasure", "requested_by", id);
        scrubText("certification_record", "state_reason", tokens);
        scrubText("certification_evidence", "filename", tokens);
        scrubText("skill_assessment", "note", tokens);
        scrubText("experience_period", "description", tokens);
        scrubText("placement", "reason", tokens);
        // a team named after them ("Erin's team") is renamed, and its members announced with the new name
        Set<String> changedTeams = new LinkedHashSet<>(ledTeams);
        for (String token : tokens) {
            changedTeams.addAll(jdbc.sql("""
                            update team set name = regexp_replace(name, :pattern, :placeholder, 'gi'),
                                            version = version + 1
                             where name ~* :pattern returning id""")
                    .param("pattern", regex(token)).param("placeholder", PLACEHOLDER).query(String.class).list());
        }
        int auditScrubbed = scrubAudit(id, tokens);

        // 4. the outbox: their own events go, sent or not (the erasure supersedes them); another person's event
        // that names them (a claim of a report they decided) is kept — unsent, it must still reach the other
        // services — with every mention of them replaced
        int outboxDeleted = jdbc.sql("delete from outbox_event where event_key = :id or event_key = :subject")
                .param("id", id).param("subject", person.subject() == null ? id : person.subject()).update();
        List<Map.Entry<Long, String>> naming = jdbc.sql("""
                        select seq, payload from outbox_event
                         where exists (select 1 from unnest(cast(:tokens as text[])) t
                                        where strpos(lower(payload), lower(t)) > 0)""")
                .param("tokens", inJson.toArray(String[]::new))
                .query((rs, row) -> Map.entry(rs.getLong("seq"), rs.getString("payload"))).list();
        for (Map.Entry<Long, String> row : naming) {
            jdbc.sql("update outbox_event set payload = :payload where seq = :seq")
                    .param("payload", scrubJson(row.getValue(), tokens)).param("seq", row.getKey()).update();
        }
        // (processed_event holds event ids and consumer names only: nothing about anyone)

        for (String teamId : changedTeams) {
            employees.touchTeam(teamId, now);
            employees.findByTeam(teamId).forEach(events::updated);
            audit.record(admin, "team.person-erased", null, teamId, null,
                    Map.of("teamId", teamId, "mention", PLACEHOLDER));
        }

        // 5. last: the erasure itself, and its announcement
        UUID erasureId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        erasures.insert(erasureId, admin.employeeId(), now, id, person.subject(), eventId);
        outbox.append(eventId, Topics.EMPLOYEES, id,
                new EmployeeErased(erasureId.toString(), id, person.subject(), now));
        log.info("Erasure {}: {} claims, {} assessments, {} periods, {} placements, {} audit entries deleted, {} "
                        + "scrubbed, {} outbox rows deleted, {} scrubbed, {} team(s) lost a leader or a mention",
                erasureId, claims, skills, periods, placements, auditAbout, auditScrubbed, outboxDeleted, naming.size(),
                changedTeams.size());
        return erasures.find(erasureId).orElseThrow();
    }

    /** An erasure's status (admin); 404 for an id no erasure has. */
    @Transactional(readOnly = true)
    public ErasureView status(Caller caller, String erasureId) {
        Admins.admin(employeeService, caller);
        UUID id;
        try {
            id = UUID.fromString(erasureId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such erasure");
        }
        return erasures.find(id).orElseThrow(() -> new NotFoundException("No such erasure"));
    }

    /** What identifies the person in text: id, subject, e-mail, name, username, HR key (the blank ones left out). */
    static List<String> tokens(Employee person) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String token : new String[] {person.id(), person.subject(), person.email(), person.displayName(),
                person.username(), person.externalId()}) {
            if (token != null && !token.isBlank()) {
                tokens.add(token);
            }
        }
        return List.copyOf(tokens);
    }

    private int delete(String table, String id) {
        return jdbc.sql("delete from " + table + " where employee_id = :id").param("id", id).update();
    }

    private void placeholder(String table, String column, String id) {
        jdbc.sql("update " + table + " set " + column + " = :placeholder where " + column + " = :id")
                .param("placeholder", PLACEHOLDER).param("id", id).update();
    }

    /** Free text of others that mentions the person (in any case): each mention becomes the placeholder. */
    private void scrubText(String table, String column, List<String> tokens) {
        for (String token : tokens) {
            jdbc.sql("update " + table + " set " + column + " = regexp_replace(" + column
                            + ", :pattern, :placeholder, 'gi') where " + column + " ~* :pattern")
                    .param("pattern", regex(token)).param("placeholder", PLACEHOLDER).update();
        }
    }

    /**
     * A PostgreSQL regular expression matching {@code token} literally (every other character escaped) as a whole
     * word, so a short username ("ada") is not cut out of other words ("Canada").
     */
    static String regex(String token) {
        StringBuilder regex = new StringBuilder(NOT_IN_A_WORD_BEFORE_PG);
        token.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                regex.append('\\');
            }
            regex.appendCodePoint(c);
        });
        return regex.append(NOT_IN_A_WORD_AFTER_PG).toString();
    }


    /**
     * Audit entries about others that name the person (as actor, in a state, in a reason): each mention becomes the
     * placeholder, inside the JSON states too (string values only, so the JSON stays valid).
     */
    private int scrubAudit(String id, List<String> tokens) {
        record Entry(long id, String actorId, String actorUsername, String before, String after, String reason) {
        }
        List<Entry> entries = jdbc.sql("""
                        select id, actor_id, actor_username, before_state::text as b, after_state::text as a, reason
                          from audit_entry
                         where actor_id = :id
                            or exists (select 1 from unnest(cast(:tokens as text[])) t
                                        where strpos(lower(coalesce(actor_username, '') || ' '
                                                  || coalesce(before_state::text, '') || ' '
                                                  || coalesce(after_state::text, '') || ' '
                                                  || coalesce(reason, '')), lower(t)) > 0)""")
                .param("id", id).param("tokens", tokens.toArray(String[]::new))
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
        for (Entry e : entries) {
            boolean actor = id.equals(e.actorId());
            jdbc.sql("""
                            update audit_entry set actor_id = :actorId, actor_username = :actorUsername,
                                   before_state = cast(:before as jsonb), after_state = cast(:after as jsonb),
                                   reason = :reason
                             where id = :entry""")
                    .param("entry", e.id())
                    .param("actorId", actor ? PLACEHOLDER : e.actorId())
                    .param("actorUsername", actor ? PLACEHOLDER : scrub(e.actorUsername(), tokens))
                    .param("before", scrubJson(e.before(), tokens))
                    .param("after", scrubJson(e.after(), tokens))
                    .param("reason", scrub(e.reason(), tokens))
                    .update();
        }
        return entries.size();
    }

    private String scrubJson(String text, List<String> tokens) {
        if (text == null) {
            return null;
        }
        return json.writeValueAsString(scrubNode(json.readTree(text), tokens));
    }

    private JsonNode scrubNode(JsonNode node, List<String> tokens) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            for (String name : names) {
                object.set(name, scrubNode(object.get(name), tokens));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, scrubNode(array.get(i), tokens));
            }
            return array;
        }
        if (node != null && node.isString()) {
            return StringNode.valueOf(scrub(node.asString(), tokens));
        }
        return node;
    }

    static String scrub(String text, List<String> tokens) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (String token : tokens) {
            scrubbed = Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(token) + "(?![\\p{L}\\p{N}_])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher(scrubbed).replaceAll(Matcher.quoteReplacement(PLACEHOLDER));
        }
        return scrubbed;
    }

}
