package dev.ladder.profile.organisation;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ConflictException;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.Page;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.profile.audit.Actor;
import dev.ladder.profile.audit.AuditLog;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeEvents;
import dev.ladder.profile.employee.EmployeeRepository;
import dev.ladder.profile.employee.EmployeeService;
import dev.ladder.profile.http.Preconditions;
import dev.ladder.profile.team.Team;
import dev.ladder.profile.team.TeamRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Teams, for admins: create, rename, set manager and deputy (active employees; a manager may lead several teams),
 * retire (only an empty team: move its members first). Every change is audited, and a change its members' events
 * show (name, manager, deputy) is announced for each of them, in the same transaction.
 */
@Service
public class TeamAdministration {

    private final TeamRepository teams;
    private final EmployeeRepository people;
    private final EmployeeService employees;
    private final EmployeeEvents events;
    private final AuditLog audit;
    private final Clock clock;

    TeamAdministration(TeamRepository teams, EmployeeRepository people, EmployeeService employees,
                       EmployeeEvents events, AuditLog audit, Clock clock) {
        this.teams = teams;
        this.people = people;
        this.employees = employees;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Page<TeamDetails> list(Caller caller, boolean includeRetired, int page, int size) {
        Admins.admin(employees, caller);
        Page<TeamDetails> request = new Page<>(List.of(), page, size, 0);
        List<TeamDetails> items = teams.page(includeRetired, size, request.offset()).stream()
                .map(this::details).toList();
        return new Page<>(items, page, size, teams.count(includeRetired));
    }

    @Transactional
    public TeamDetails get(Caller caller, String id) {
        Admins.admin(employees, caller);
        return details(find(id));
    }

    @Transactional
    public TeamDetails create(Caller caller, NewTeamRequest request) {
        return create(Admins.admin(employees, caller), request);
    }

    /** Creates the team; 409 when the id is taken, 422 for a manager or deputy who is not an active employee. */
    @Transactional
    public TeamDetails create(Actor actor, NewTeamRequest request) {
        TeamRequest attributes = normalise(request.attributes());
        checkLeaders(attributes);
        if (teams.find(request.id()).isPresent() || !teams.insert(request.id(), attributes.name(),
                attributes.managerId(), attributes.deputyId())) {
            throw new ConflictException("A team with id '" + request.id() + "' exists already");
        }
        Team created = find(request.id());
        audit.record(actor, "team.created", null, created.id(), null, created);
        return details(created);
    }

    @Transactional
    public TeamDetails update(Caller caller, String id, String ifMatch, TeamRequest request) {
        Actor actor = Admins.admin(employees, caller);
        Team before = find(id);
        Preconditions.check(ifMatch, before.version());
        return update(actor, before, request);
    }

    /** Replaces name, manager and deputy of the team as it was at {@code before.version()}; 412 if it moved on. */
    @Transactional
    public TeamDetails update(Actor actor, Team before, TeamRequest request) {
        if (!before.active()) {
            throw new ConflictException("Team '" + before.id() + "' is retired");
        }
        TeamRequest attributes = normalise(request);
        checkLeaders(attributes);
        if (!teams.update(before.id(), before.version(), attributes.name(), attributes.managerId(),
                attributes.deputyId())) {
            throw Preconditions.stale(find(before.id()).version());
        }
        Team after = find(before.id());
        audit.record(actor, "team.updated", null, after.id(), before, after);
        if (!Objects.equals(before.name(), after.name()) || !Objects.equals(before.managerId(), after.managerId())
                || !Objects.equals(before.deputyId(), after.deputyId())) {
            people.touchTeam(after.id(), now());
            people.findByTeam(after.id()).forEach(events::updated);
        }
        return details(after);
    }

    /** Retires an empty team (its history stays); 409 while active people are members. */
    @Transactional
    public TeamDetails retire(Caller caller, String id, String ifMatch) {
        Actor actor = Admins.admin(employees, caller);
        Team before = find(id);
        Preconditions.check(ifMatch, before.version());
        return retire(actor, before);
    }

    /** Retires the team as it was at {@code before.version()} (412 if it moved on); see above. */
    @Transactional
    public TeamDetails retire(Actor actor, Team before) {
        String id = before.id();
        if (!before.active()) {
            throw new ConflictException("Team '" + id + "' is retired already");
        }
        long members = people.countActiveMembers(id);
        if (members > 0) {
            throw new ConflictException("Team '" + id + "' still has " + members
                    + " active member(s): move them to another team first");
        }
        if (!teams.retire(id, before.version())) {
            throw Preconditions.stale(find(id).version());
        }
        Team after = find(id);
        audit.record(actor, "team.retired", null, id, before, after);
        return details(after);
    }

    /** The team; 404 when unknown. */
    @Transactional(readOnly = true)
    public Team find(String id) {
        return teams.find(id).orElseThrow(() -> new NotFoundException("No team " + id));
    }

    /** The team, if there is one with this id. */
    @Transactional(readOnly = true)
    public Optional<Team> findIfAny(String id) {
        return teams.find(id);
    }

    private TeamDetails details(Team team) {
        return TeamDetails.of(team, people.countActiveMembers(team.id()));
    }

    private static TeamRequest normalise(TeamRequest r) {
        return new TeamRequest(r.name().strip(), blankToNull(r.managerId()), blankToNull(r.deputyId()));
    }

    private void checkLeaders(TeamRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        leader("managerId", r.managerId(), problems);
        leader("deputyId", r.deputyId(), problems);
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
    }

    private void leader(String field, String employeeId, List<FieldProblem> problems) {
        if (employeeId != null && people.find(employeeId).filter(Employee::active).isEmpty()) {
            problems.add(new FieldProblem(field, "no active employee " + employeeId));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
