package dev.ladder.profile.organisation;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ConflictException;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.Page;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.profile.audit.Actor;
import dev.ladder.profile.audit.AuditLog;
import dev.ladder.profile.catalog.LocalCatalog;
import dev.ladder.profile.config.ProfileProperties;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeEvents;
import dev.ladder.profile.employee.EmployeeRepository;
import dev.ladder.profile.employee.EmployeeService;
import dev.ladder.profile.http.Preconditions;
import dev.ladder.profile.team.Team;
import dev.ladder.profile.team.TeamRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * People, for admins (and the HR feed): provision, list, change team, track, region, start date, job title, e-mail
 * and name, retire. Managers and deputies may move their reports to another track. Every change is audited and
 * announced (EmployeeUpdated) in its transaction; refused input changes nothing.
 * <p>
 * A track must be one the local catalog copy knows, or the person's current track, or the default track (which
 * self-registration assigns before the catalog may be known). A region must be one of the salary regions of the
 * person's track as its newest release names them (422 on {@code region}, listing them) — checked when the region
 * is set or changed or the track changes, so a person whose region predates the rule can still be edited; a track
 * whose release did not say which regions it has (published before releases carried them, or not known yet)
 * accepts any region. No region (null) is always allowed.
 */
@Service
public class PeopleAdministration {

    private final EmployeeRepository people;
    private final EmployeeService employees;
    private final TeamRepository teams;
    private final LocalCatalog catalog;
    private final EmployeeEvents events;
    private final AuditLog audit;
    private final ProfileProperties properties;
    private final Clock clock;

    PeopleAdministration(EmployeeRepository people, EmployeeService employees, TeamRepository teams,
                         LocalCatalog catalog, EmployeeEvents events, AuditLog audit, ProfileProperties properties,
                         Clock clock) {
        this.people = people;
        this.employees = employees;
        this.teams = teams;
        this.catalog = catalog;
        this.events = events;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Page<PersonDetails> list(Caller caller, String teamId, boolean unplacedOnly, String text,
                                    boolean includeRetired, int page, int size) {
        Admins.admin(employees, caller);
        EmployeeRepository.Filter f = new EmployeeRepository.Filter(TeamAdministration.blankToNull(teamId),
                unplacedOnly, TeamAdministration.blankToNull(text), includeRetired);
        List<PersonDetails> items = people.page(f, size, (long) page * size).stream().map(PersonDetails::of).toList();
        return new Page<>(items, page, size, people.count(f));
    }

    /** The person as the caller may see them (themselves, their reports, anyone for admins); else 404. */
    @Transactional
    public PersonDetails get(Caller caller, String id) {
        return PersonDetails.of(employees.visible(caller, id));
    }

    @Transactional
    public PersonDetails provision(Caller caller, ProvisionRequest request) {
        return provision(Admins.admin(employees, caller), request, null);
    }

    /**
     * Provisions a person who has not signed in yet (linked on first sign-in). {@code knownSubject} non-null: the
     * sign-in account is known in advance (the demo realm's fixed ids); it becomes both their id and their subject.
     */
    @Transactional
    public PersonDetails provision(Actor actor, ProvisionRequest r, String knownSubject) {
        String trackId = r.trackId() == null || r.trackId().isBlank() ? properties.defaultTrackId() : r.trackId();
        EmployeeRepository.Attributes attributes = attributes(r.displayName(), r.email(), r.teamId(), trackId,
                r.region(), r.startDate(), r.jobTitle());
        List<FieldProblem> problems = new ArrayList<>();
        checkTeam(attributes.teamId(), null, problems);
        checkTrack(attributes.trackId(), null, problems);
        regionProblem(attributes.region(), attributes.trackId(), null, null).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        String username = r.username().strip();
        String externalId = TeamAdministration.blankToNull(r.externalId());
        if (people.usernameTaken(username)) {
            throw new ConflictException("Username '" + username + "' belongs to someone already");
        }
        if (externalId != null && people.externalIdTaken(externalId)) {
            throw new ConflictException("External id '" + externalId + "' belongs to someone already");
        }
        String id = knownSubject != null ? knownSubject : UUID.randomUUID().toString();
        try {
            people.insertProvisioned(id, knownSubject, username, externalId, attributes, now());
        } catch (DuplicateKeyException raced) {
            throw new ConflictException("Someone with this id, username or external id exists already");
        }
        Employee created = people.find(id).orElseThrow();
        events.updated(created);
        audit.record(actor, "employee.provisioned", id, created.teamId(), null, created);
        return PersonDetails.of(created);
    }

    @Transactional
    public PersonDetails update(Caller caller, String id, String ifMatch, PersonRequest request) {
        Actor actor = Admins.admin(employees, caller);
        Employee before = people.find(id).orElseThrow(() -> EmployeeService.notFound(id));
        Preconditions.check(ifMatch, before.version());
        return update(actor, before, request);
    }

    /** Replaces the person's attributes as they were at {@code before.version()}; 412 if they moved on. */
    @Transactional
    public PersonDetails update(Actor actor, Employee before, PersonRequest r) {
        if (!before.active()) {
            throw new ConflictException("Employee " + before.id() + " is retired");
        }
        EmployeeRepository.Attributes attributes = attributes(r.displayName(), r.email(), r.teamId(), r.trackId(),
                r.region(), r.startDate(), r.jobTitle());
        List<FieldProblem> problems = new ArrayList<>();
        checkTeam(attributes.teamId(), before.teamId(), problems);
        checkTrack(attributes.trackId(), before.trackId(), problems);
        regionProblem(attributes.region(), attributes.trackId(), before).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        return save(actor, "employee.updated", before, attributes);
    }

    /** A manager or deputy moves their report (an admin anyone) to another track; 404 for anyone else. */
    @Transactional
    public PersonDetails moveTrack(Caller caller, String id, String ifMatch, TrackMoveRequest request) {
        Employee me = employees.register(caller);
        Employee before = employees.visible(me, caller, id);
        if (!caller.isAdmin() && !before.reportsTo(me.id())) {
            throw new ForbiddenException("Only your manager, their deputy or an admin may move you to another track");
        }
        Preconditions.check(ifMatch, before.version());
        if (!before.active()) {
            throw new ConflictException("Employee " + id + " is retired");
        }
        String trackId = request.trackId().strip();
        List<FieldProblem> problems = new ArrayList<>();
        checkTrack(trackId, before.trackId(), problems);
        // the region stays: on the new track it must still be one of its salary regions (an admin changes it)
        regionProblem(before.region(), trackId, before).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        return save(EmployeeService.actor(me), "employee.track-moved", before,
                new EmployeeRepository.Attributes(before.displayName(), before.email(), before.teamId(), trackId,
                        before.region(), before.startDate(), before.jobTitle()));
    }

    /** Retires the person (history kept, announced with active=false); 409 while they lead an active team. */
    @Transactional
    public PersonDetails retire(Caller caller, String id, String ifMatch) {
        Actor actor = Admins.admin(employees, caller);
        Employee before = people.find(id).orElseThrow(() -> EmployeeService.notFound(id));
        Preconditions.check(ifMatch, before.version());
        return retire(actor, before);
    }

    /** Retires the person as they were at {@code before.version()} (412 if they moved on); see above. */
    @Transactional
    public PersonDetails retire(Actor actor, Employee before) {
        String id = before.id();
        if (!before.active()) {
            throw new ConflictException("Employee " + id + " is retired already");
        }
        List<Team> led = teams.ledBy(id);
        if (!led.isEmpty()) {
            throw new ConflictException("Employee " + id + " leads team(s) "
                    + led.stream().map(Team::id).toList() + ": give them another manager or deputy first");
        }
        if (!people.retire(id, before.version(), now())) {
            throw Preconditions.stale(people.find(id).orElseThrow().version());
        }
        Employee after = people.find(id).orElseThrow();
        events.updated(after);
        audit.record(actor, "employee.retired", id, after.teamId(), before, after);
        return PersonDetails.of(after);
    }

    private PersonDetails save(Actor actor, String action, Employee before, EmployeeRepository.Attributes a) {
        if (!people.update(before.id(), before.version(), a, now())) {
            throw Preconditions.stale(people.find(before.id()).orElseThrow().version());
        }
        Employee after = people.find(before.id()).orElseThrow();
        events.updated(after);
        audit.record(actor, action, after.id(), after.teamId() != null ? after.teamId() : before.teamId(), before,
                after);
        return PersonDetails.of(after);
    }

    private void checkTeam(String teamId, String current, List<FieldProblem> problems) {
        if (teamId == null || teamId.equals(current)) {
            return;
        }
        teams.find(teamId).ifPresentOrElse(t -> {
            if (!t.active()) {
                problems.add(new FieldProblem("teamId", "team '" + teamId + "' is retired and takes no new members"));
            }
        }, () -> problems.add(new FieldProblem("teamId", "unknown team '" + teamId + "'")));
    }

    /**
     * What is wrong with {@code region} for a person on {@code trackId} who had {@code before}'s region and track
     * (null: a new person), if anything; see the class comment for the rule.
     */
    public Optional<FieldProblem> regionProblem(String region, String trackId, Employee before) {
        return before == null ? regionProblem(region, trackId, null, null)
                : regionProblem(region, trackId, before.region(), before.trackId());
    }

    private Optional<FieldProblem> regionProblem(String region, String trackId, String currentRegion,
                                                 String currentTrack) {
        if (region == null || (region.equals(currentRegion) && Objects.equals(trackId, currentTrack))) {
            return Optional.empty();
        }
        return catalog.salaryRegions(trackId)
                .filter(regions -> regions.stream().noneMatch(r -> r.id().equals(region)))
                .map(regions -> new FieldProblem("region", regions.isEmpty()
                        ? "'" + region + "' is not a salary region of track '" + trackId + "': the track has no "
                        + "salary regions, so leave the region empty"
                        : "'" + region + "' is not a salary region of track '" + trackId + "'; allowed: "
                        + String.join(", ", regions.stream().map(r -> r.id() + " (" + r.name() + ")").toList())));
    }

    private void checkTrack(String trackId, String current, List<FieldProblem> problems) {
        if (!Objects.equals(trackId, current) && !trackId.equals(properties.defaultTrackId())
                && !catalog.knowsTrack(trackId)) {
            problems.add(new FieldProblem("trackId", "unknown track '" + trackId + "'"));
        }
    }

    private static EmployeeRepository.Attributes attributes(String displayName, String email, String teamId,
                                                            String trackId, String region,
                                                            java.time.LocalDate startDate, String jobTitle) {
        return new EmployeeRepository.Attributes(displayName.strip(), TeamAdministration.blankToNull(email),
                TeamAdministration.blankToNull(teamId), trackId.strip(), TeamAdministration.blankToNull(region),
                startDate, TeamAdministration.blankToNull(jobTitle));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
