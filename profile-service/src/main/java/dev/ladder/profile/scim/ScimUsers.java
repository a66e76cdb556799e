package dev.ladder.profile.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.Group;
import com.unboundid.scim2.common.types.Manager;
import com.unboundid.scim2.common.types.Meta;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.messages.ListResponse;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.profile.audit.Actor;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeRepository;
import dev.ladder.profile.organisation.PeopleAdministration;
import dev.ladder.profile.organisation.PersonDetails;
import dev.ladder.profile.organisation.PersonRequest;
import dev.ladder.profile.organisation.ProvisionRequest;
import dev.ladder.profile.team.Team;
import dev.ladder.profile.team.TeamRepository;
import jakarta.validation.Validator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * SCIM Users are Ladder's people. Every change goes through {@link PeopleAdministration} (its rules, audit and
 * EmployeeUpdated through the outbox), one transaction per request.
 * <ul>
 * <li>{@code userName} = the Keycloak username linked on first sign-in; {@code externalId} = HR's key; both
 * unique and immutable (a different value → 400 {@code mutability}).</li>
 * <li>display name = {@code name.formatted}, else {@code name.givenName} + {@code name.familyName}, else
 * {@code displayName}, else (creation) the userName; e-mail = the primary {@code emails} value, else the first;
 * {@code title} = job title.</li>
 * <li>enterprise {@code manager.value} (a User id) = the reporting line: the person joins the team that manager
 * manages (as manager, not deputy) — the one they are in already if it is one of them, else the first by name
 * and id; a manager who manages no team → 400 {@code invalidValue}. Absent manager = team unchanged (Groups
 * manage membership too).</li>
 * <li>{@code active=false} = retirement (history kept); a retired person cannot be reactivated over SCIM
 * (400 {@code mutability}). DELETE retires and forgets them for SCIM (404 from then on).</li>
 * <li>{@value PersonExtension#URN} {@code trackId}, {@code startDate} and {@code region} = the career track, the
 * start date and the salary region, checked by the organisation's rules exactly as the admin API checks them (a
 * track the catalog knows; a start date not in the future; a region of the person's track — the new one when the
 * request also changes the track); else 400 {@code invalidValue}. A track change is an update like an admin's
 * {@code PUT /api/profiles/admin/people/{id}}: audited {@code employee.updated} (before and after) and announced.
 * See {@link PersonExtension} for absent values (the track cannot be cleared).</li>
 * </ul>
 * The organisation's refusals (422 there) are answered as 400 {@code invalidValue} naming the SCIM attributes.
 */
@Service
class ScimUsers {

    static final Map<String, String> FILTERABLE = Map.of("username", "userName", "externalid", "externalId",
            "emails.value", "emails.value", "emails", "emails.value");
    private static final Map<String, String> NAMES = Map.of("username", "userName", "displayName", "name",
            "email", "emails", "jobTitle", "title", "externalId", "externalId",
            "region", PersonExtension.URN + ":region", "trackId", PersonExtension.URN + ":trackId",
            "startDate", PersonExtension.URN + ":startDate");

    private final EmployeeRepository people;
    private final PeopleAdministration administration;
    private final TeamRepository teams;
    private final ScimStore store;
    private final Validator validator;
    private final Clock clock;

    ScimUsers(EmployeeRepository people, PeopleAdministration administration, TeamRepository teams,
              ScimStore store, Validator validator, Clock clock) {
        this.people = people;
        this.administration = administration;
        this.teams = teams;
        this.store = store;
        this.validator = validator;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public UserResource get(String id, String base) {
        return resource(find(id), base);
    }

    @Transactional(readOnly = true)
    public ListResponse<UserResource> list(String filter, Integer startIndex, Integer count, String base) {
        ScimStore.Match match = ScimSupport.match(filter, FILTERABLE, ScimSupport.USER_SCHEMA);
        ScimSupport.Window window = ScimSupport.Window.of(startIndex, count);
        long total = store.countUsers(match);
        List<UserResource> page = window.count() == 0 ? List.of() : store.userIds(match, window.offset(),
                window.count()).stream().map(id -> resource(people.find(id).orElseThrow(), base)).toList();
        return new ListResponse<>((int) total, page, window.startIndex(), page.size());
    }

    @Transactional
    public UserResource create(Actor actor, ObjectNode body, String base) {
        UserResource user = ScimJson.as(body, UserResource.class);
        String userName = ScimSupport.blankToNull(user.getUserName());
        if (userName == null) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "userName is required");
        }
        String externalId = ScimSupport.blankToNull(user.getExternalId());
        if (people.usernameTaken(userName)) {
            throw ScimProblem.conflict("userName '" + userName + "' belongs to someone already");
        }
        if (externalId != null && people.externalIdTaken(externalId)) {
            throw ScimProblem.conflict("externalId '" + externalId + "' belongs to someone already");
        }
        String manager = manager(user);
        String teamId = manager == null ? null : teamManagedBy(manager, null, null);
        PersonExtension ladder = ladder(user);
        // no extension (or no trackId in it): the organisation puts the person on the default track
        ProvisionRequest request = new ProvisionRequest(userName, externalId, displayName(user, userName),
                email(user), teamId, ladder == null ? null : ScimSupport.blankToNull(ladder.getTrackId()),
                ladder == null ? null : ScimSupport.blankToNull(ladder.getRegion()),
                ladder == null ? null : startDate(ladder), ScimSupport.blankToNull(user.getTitle()));
        ScimSupport.validate(validator, request, NAMES);
        PersonDetails created = organisation(() -> administration.provision(actor, request, null));
        Employee person = people.find(created.id()).orElseThrow();
        if (Boolean.FALSE.equals(user.getActive())) {
            administration.retire(actor, person);
            person = people.find(created.id()).orElseThrow();
        }
        return resource(person, base);
    }

    @Transactional
    public UserResource replace(Actor actor, String id, String ifMatch, ObjectNode body, String base) {
        Employee before = find(id);
        ScimSupport.checkIfMatch(ifMatch, Long.toString(before.version()));
        return resource(apply(actor, before, ScimJson.as(body, UserResource.class), true), base);
    }

    /** PATCH = the PatchOp applied to the user as GET shows them, then stored as a PUT of the result. */
    @Transactional
    public UserResource patch(Actor actor, String id, String ifMatch, ObjectNode body, String base) {
        Employee before = find(id);
        ScimSupport.checkIfMatch(ifMatch, Long.toString(before.version()));
        ObjectNode current = ScimJson.tree(resource(before, base));
        ScimSupport.patch(body, current);
        current.remove("groups");
        // the user as GET shows them carries the extension: an attribute (or the extension) gone after the patch
        // means removed — the region and start date are cleared, the track stays
        return resource(apply(actor, before, ScimJson.as(current, UserResource.class), false), base);
    }

    /** Retires the person (if still active) and forgets them for SCIM; their history stays. */
    @Transactional
    public void delete(Actor actor, String id, String ifMatch) {
        Employee before = find(id);
        ScimSupport.checkIfMatch(ifMatch, Long.toString(before.version()));
        if (before.active()) {
            administration.retire(actor, before);
        }
        store.markDeleted(id, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * {@code absentExtensionKeeps}: no Ladder extension leaves the region and start date as they are (PUT) rather
     * than clearing them. The track is never cleared: no extension or no trackId in it = unchanged.
     */
    private Employee apply(Actor actor, Employee before, UserResource user, boolean absentExtensionKeeps) {
        String userName = ScimSupport.blankToNull(user.getUserName());
        if (userName != null && !userName.equalsIgnoreCase(before.username())) {
            throw ScimProblem.badRequest(ScimProblem.MUTABILITY, "userName cannot change (it is '"
                    + before.username() + "'): it links the sign-in account");
        }
        String externalId = ScimSupport.blankToNull(user.getExternalId());
        if (externalId != null && !externalId.equals(before.externalId())) {
            throw ScimProblem.badRequest(ScimProblem.MUTABILITY, "externalId cannot change (it is '"
                    + before.externalId() + "')");
        }
        boolean active = !Boolean.FALSE.equals(user.getActive());
        if (!before.active()) {
            if (active) {
                throw ScimProblem.badRequest(ScimProblem.MUTABILITY,
                        "User " + before.id() + " is retired; Ladder does not reactivate people over SCIM");
            }
            return before;
        }
        String manager = manager(user);
        String teamId = manager == null ? before.teamId() : teamManagedBy(manager, before.id(), before.teamId());
        PersonExtension ladder = ladder(user);
        String asked = ladder == null ? null : ScimSupport.blankToNull(ladder.getTrackId());
        String trackId = asked == null ? before.trackId() : asked;
        String region = ladder == null ? (absentExtensionKeeps ? before.region() : null)
                : ScimSupport.blankToNull(ladder.getRegion());
        LocalDate startDate = ladder == null ? (absentExtensionKeeps ? before.startDate() : null) : startDate(ladder);
        PersonRequest request = new PersonRequest(displayName(user, before.displayName()), email(user), teamId,
                trackId, region, startDate, ScimSupport.blankToNull(user.getTitle()));
        ScimSupport.validate(validator, request, NAMES);
        Employee current = before;
        if (!Objects.equals(request.displayName().strip(), before.displayName())
                || !Objects.equals(request.email(), before.email()) || !Objects.equals(teamId, before.teamId())
                || !Objects.equals(request.jobTitle(), before.jobTitle())
                || !Objects.equals(trackId, before.trackId()) || !Objects.equals(region, before.region())
                || !Objects.equals(startDate, before.startDate())) {
            organisation(() -> administration.update(actor, before, request));
            current = people.find(before.id()).orElseThrow();
        }
        if (!active) {
            administration.retire(actor, current);
            current = people.find(before.id()).orElseThrow();
        }
        return current;
    }

    /** The team {@code managerId} manages that {@code personId} should be in; see the class comment. */
    private String teamManagedBy(String managerId, String personId, String currentTeam) {
        if (managerId.equals(personId)) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "manager: nobody is their own manager");
        }
        if (people.find(managerId).filter(Employee::active).isEmpty() || store.deleted(managerId)) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "manager: no active User " + managerId);
        }
        List<Team> managed = teams.ledBy(managerId).stream().filter(t -> managerId.equals(t.managerId())).toList();
        if (managed.isEmpty()) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "manager: User " + managerId
                    + " manages no team; make them the manager of a Group (" + TeamExtension.URN + ":manager) first");
        }
        return managed.stream().map(Team::id).filter(t -> t.equals(currentTeam)).findFirst()
                .orElse(managed.get(0).id());
    }

    private Employee find(String id) {
        return people.find(id).filter(e -> !store.deleted(id)).orElseThrow(() -> ScimProblem.notFound("User", id));
    }

    private static String manager(UserResource user) {
        EnterpriseUserExtension enterprise;
        try {
            enterprise = user.getExtension(EnterpriseUserExtension.class);
        } catch (RuntimeException e) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "The enterprise extension is not valid: "
                    + e.getMessage());
        }
        if (enterprise == null || enterprise.getManager() == null) {
            return null;
        }
        return ScimSupport.blankToNull(enterprise.getManager().getValue());
    }

    private static PersonExtension ladder(UserResource user) {
        try {
            return user.getExtension(PersonExtension.class);
        } catch (RuntimeException e) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, PersonExtension.URN + " is not valid: "
                    + e.getMessage());
        }
    }

    /** The extension's start date: absent or empty = none; else an ISO date (YYYY-MM-DD) or 400. */
    private static LocalDate startDate(PersonExtension ladder) {
        String value = ScimSupport.blankToNull(ladder.getStartDate());
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, PersonExtension.URN + ":startDate: '" + value
                    + "' is not a date; use YYYY-MM-DD (e.g. 2021-04-01)");
        }
    }

    /**
     * A change by the organisation; its refusals (422 there: an unknown track, a region not of the track, …) as
     * one 400 {@code invalidValue} naming the SCIM attributes.
     */
    private static <T> T organisation(Supplier<T> change) {
        try {
            return change.get();
        } catch (UnprocessableException e) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, e.problems().stream()
                    .map(p -> NAMES.getOrDefault(p.field(), p.field()) + ": " + p.message())
                    .collect(Collectors.joining("; ")));
        }
    }

    private static String displayName(UserResource user, String fallback) {
        Name name = user.getName();
        if (name != null && ScimSupport.blankToNull(name.getFormatted()) != null) {
            return name.getFormatted().strip();
        }
        if (name != null) {
            String joined = ((name.getGivenName() == null ? "" : name.getGivenName().strip()) + " "
                    + (name.getFamilyName() == null ? "" : name.getFamilyName().strip())).strip();
            if (!joined.isEmpty()) {
                return joined;
            }
        }
        String displayName = ScimSupport.blankToNull(user.getDisplayName());
        return displayName != null ? displayName : fallback;
    }

    private static String email(UserResource user) {
        List<Email> emails = user.getEmails();
        if (emails == null || emails.isEmpty()) {
            return null;
        }
        Email chosen = emails.stream().filter(e -> Boolean.TRUE.equals(e.getPrimary())).findFirst()
                .orElse(emails.get(0));
        return ScimSupport.blankToNull(chosen.getValue());
    }

    UserResource resource(Employee e, String base) {
        UserResource user = new UserResource();
        user.setId(e.id());
        user.setExternalId(e.externalId());
        user.setUserName(e.username() != null ? e.username() : e.id());
        user.setDisplayName(e.displayName());
        user.setName(new Name().setFormatted(e.displayName()));
        if (e.email() != null) {
            user.setEmails(List.of(new Email().setValue(e.email()).setType("work").setPrimary(true)));
        }
        user.setTitle(e.jobTitle());
        user.setActive(e.active());
        if (e.teamId() != null) {
            user.setGroups(List.of(new Group().setValue(e.teamId()).setDisplay(e.teamName()).setType("direct")
                    .setRef(URI.create(base + "/Groups/" + e.teamId()))));
        }
        if (e.managerId() != null && !e.managerId().equals(e.id())) {
            user.setExtension(new EnterpriseUserExtension().setManager(new Manager().setValue(e.managerId())
                    .setRef(URI.create(base + "/Users/" + e.managerId()))));
        }
        // always there: a person is always on a track
        user.setExtension(new PersonExtension().setTrackId(e.trackId()).setRegion(e.region())
                .setStartDate(e.startDate() == null ? null : e.startDate().toString()));
        user.setMeta(new Meta().setResourceType("User")
                .setCreated(ScimSupport.calendar(store.userCreated(e.id())))
                .setLastModified(ScimSupport.calendar(e.updatedAt()))
                .setLocation(URI.create(base + "/Users/" + e.id()))
                .setVersion(ScimSupport.etag(Long.toString(e.version()))));
        return user;
    }
}
