package dev.ladder.profile.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Manager;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Meta;
import dev.ladder.profile.audit.Actor;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeRepository;
import dev.ladder.profile.organisation.NewTeamRequest;
import dev.ladder.profile.organisation.PeopleAdministration;
import dev.ladder.profile.organisation.PersonRequest;
import dev.ladder.profile.organisation.TeamAdministration;
import dev.ladder.profile.organisation.TeamRequest;
import dev.ladder.profile.team.Team;
import dev.ladder.profile.team.TeamRepository;
import jakarta.validation.Validator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * SCIM Groups are Ladder's teams, changed only through {@link TeamAdministration} and, for membership,
 * {@link PeopleAdministration} (audit, EmployeeUpdated), one transaction per request.
 * <ul>
 * <li>{@code displayName} = the team's name, unique among active teams (409 {@code uniqueness}); the id is a slug
 * derived from it at creation ("AI Security" → {@code ai-security}, {@code -2}, {@code -3}… when taken) and never
 * changes; {@code externalId} = HR's key (unique).</li>
 * <li>{@code members} = the team's active people (Users only; Ladder teams do not nest). Adding a member moves
 * them from whatever team they were in; removing one leaves them without a team.</li>
 * <li>The extension {@value TeamExtension#URN} carries {@code manager} and {@code deputy} (User ids); absent on a
 * PUT = unchanged.</li>
 * <li>DELETE moves the remaining members out of the team (each audited and announced) and retires it, in one
 * transaction; a retired team is 404 for SCIM.</li>
 * </ul>
 * The version (ETag) covers the team and its member list.
 */
@Service
class ScimGroups {

    static final Map<String, String> FILTERABLE = Map.of("displayname", "displayName", "externalid", "externalId");
    private static final Map<String, String> NAMES = Map.of("id", "displayName", "name", "displayName",
            "managerId", "manager", "deputyId", "deputy");

    private final TeamRepository teams;
    private final TeamAdministration administration;
    private final EmployeeRepository people;
    private final PeopleAdministration peopleAdministration;
    private final ScimStore store;
    private final Validator validator;

    ScimGroups(TeamRepository teams, TeamAdministration administration, EmployeeRepository people,
               PeopleAdministration peopleAdministration, ScimStore store, Validator validator) {
        this.teams = teams;
        this.administration = administration;
        this.people = people;
        this.peopleAdministration = peopleAdministration;
        this.store = store;
        this.validator = validator;
    }

    @Transactional(readOnly = true)
    public GroupResource get(String id, String base, boolean withMembers) {
        return resource(find(id), base, withMembers);
    }

    @Transactional(readOnly = true)
    public ListResponse<GroupResource> list(String filter, Integer startIndex, Integer count, String base,
                                            boolean withMembers) {
        ScimStore.Match match = ScimSupport.match(filter, FILTERABLE, ScimSupport.GROUP_SCHEMA);
        ScimSupport.Window window = ScimSupport.Window.of(startIndex, count);
        long total = store.countTeams(match);
        List<GroupResource> page = window.count() == 0 ? List.of() : store.teamIds(match, window.offset(),
                window.count()).stream().map(id -> resource(teams.find(id).orElseThrow(), base, withMembers))
                .toList();
        return new ListResponse<>((int) total, page, window.startIndex(), page.size());
    }

    @Transactional
    public GroupResource create(Actor actor, ObjectNode body, String base) {
        GroupResource group = ScimJson.as(body, GroupResource.class);
        String name = name(group, null);
        String externalId = ScimSupport.blankToNull(group.getExternalId());
        if (externalId != null && store.teamExternalIdTaken(externalId, null)) {
            throw ScimProblem.conflict("externalId '" + externalId + "' belongs to another group already");
        }
        TeamExtension leaders = leaders(group);
        String id = newId(name);
        NewTeamRequest request = new NewTeamRequest(id, name, leaders == null ? null : value(leaders.getManager()),
                leaders == null ? null : value(leaders.getDeputy()));
        ScimSupport.validate(validator, request, NAMES);
        administration.create(actor, request);
        if (externalId != null) {
            store.setTeamExternalId(id, externalId);
        }
        moveMembers(actor, id, memberIds(group), Set.of());
        return resource(teams.find(id).orElseThrow(), base, true);
    }

    @Transactional
    public GroupResource replace(Actor actor, String id, String ifMatch, ObjectNode body, String base) {
        Team before = find(id);
        ScimSupport.checkIfMatch(ifMatch, version(before, members(id)));
        apply(actor, before, ScimJson.as(body, GroupResource.class));
        return resource(find(id), base, true);
    }

    /** PATCH = the PatchOp applied to the group as GET shows it (members included), then stored as a PUT. */
    @Transactional
    public GroupResource patch(Actor actor, String id, String ifMatch, ObjectNode body, String base) {
        Team before = find(id);
        ScimSupport.checkIfMatch(ifMatch, version(before, members(id)));
        ObjectNode current = ScimJson.tree(resource(before, base, true));
        ScimSupport.patch(body, current);
        apply(actor, before, ScimJson.as(current, GroupResource.class));
        return resource(find(id), base, true);
    }

    @Transactional
    public void delete(Actor actor, String id, String ifMatch) {
        Team before = find(id);
        List<Employee> members = members(id);
        ScimSupport.checkIfMatch(ifMatch, version(before, members));
        moveMembers(actor, id, Set.of(), ids(members));
        administration.retire(actor, teams.find(id).orElseThrow());
    }

    private void apply(Actor actor, Team before, GroupResource group) {
        String name = name(group, before.id());
        String externalId = ScimSupport.blankToNull(group.getExternalId());
        if (externalId != null && !externalId.equals(store.teamMeta(before.id()).externalId())) {
            if (store.teamExternalIdTaken(externalId, before.id())) {
                throw ScimProblem.conflict("externalId '" + externalId + "' belongs to another group already");
            }
            store.setTeamExternalId(before.id(), externalId);
        }
        TeamExtension leaders = leaders(group);
        String managerId = leaders == null ? before.managerId() : value(leaders.getManager());
        String deputyId = leaders == null ? before.deputyId() : value(leaders.getDeputy());
        if (!name.equals(before.name()) || !Objects.equals(managerId, before.managerId())
                || !Objects.equals(deputyId, before.deputyId())) {
            TeamRequest request = new TeamRequest(name, managerId, deputyId);
            ScimSupport.validate(validator, request, NAMES);
            administration.update(actor, before, request);
        }
        moveMembers(actor, before.id(), memberIds(group), ids(members(before.id())));
    }

    /** Moves people into the team ({@code wanted} − {@code current}) and out of it (the other way round). */
    private void moveMembers(Actor actor, String teamId, Set<String> wanted, Set<String> current) {
        for (String id : current) {
            if (!wanted.contains(id)) {
                Employee e = people.find(id).orElseThrow();
                peopleAdministration.update(actor, e, new PersonRequest(e.displayName(), e.email(), null,
                        e.trackId(), e.region(), e.startDate(), e.jobTitle()));
            }
        }
        for (String id : wanted) {
            if (current.contains(id)) {
                continue;
            }
            Employee e = people.find(id).filter(p -> !store.deleted(id))
                    .orElseThrow(() -> ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "members: no User " + id));
            if (!e.active()) {
                throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "members: User " + id + " is retired");
            }
            peopleAdministration.update(actor, e, new PersonRequest(e.displayName(), e.email(), teamId,
                    e.trackId(), e.region(), e.startDate(), e.jobTitle()));
        }
    }

    private String name(GroupResource group, String exceptId) {
        String name = ScimSupport.blankToNull(group.getDisplayName());
        if (name == null) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "displayName is required");
        }
        store.activeTeamNamed(name, exceptId).ifPresent(other -> {
            throw ScimProblem.conflict("Group " + other + " is called '" + name + "' already");
        });
        return name;
    }

    private static Set<String> memberIds(GroupResource group) {
        Set<String> ids = new LinkedHashSet<>();
        if (group.getMembers() == null) {
            return ids;
        }
        for (Member member : group.getMembers()) {
            if (member.getType() != null && !member.getType().equalsIgnoreCase("User")) {
                throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "members: Ladder teams have people as "
                        + "members, not " + member.getType() + "s");
            }
            String id = ScimSupport.blankToNull(member.getValue());
            if (id == null) {
                throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "members: each member needs a 'value'");
            }
            ids.add(id);
        }
        return ids;
    }

    private static TeamExtension leaders(GroupResource group) {
        try {
            return group.getExtension(TeamExtension.class);
        } catch (RuntimeException e) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, TeamExtension.URN + " is not valid: "
                    + e.getMessage());
        }
    }

    private static String value(Manager leader) {
        return leader == null ? null : ScimSupport.blankToNull(leader.getValue());
    }

    /** A slug of the name not used by any team, retired ones included. */
    private String newId(String name) {
        String slug = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 90) {
            slug = slug.substring(0, 90).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            slug = "team";
        }
        String id = slug;
        for (int n = 2; store.teamIdTaken(id); n++) {
            id = slug + "-" + n;
        }
        return id;
    }

    private Team find(String id) {
        return teams.find(id).filter(Team::active).orElseThrow(() -> ScimProblem.notFound("Group", id));
    }

    private List<Employee> members(String teamId) {
        return people.findByTeam(teamId).stream().filter(Employee::active).toList();
    }

    private static Set<String> ids(List<Employee> members) {
        Set<String> ids = new LinkedHashSet<>();
        members.forEach(m -> ids.add(m.id()));
        return ids;
    }

    private static String version(Team team, List<Employee> members) {
        String ids = String.join(",", members.stream().map(Employee::id).sorted().toList());
        return team.version() + "-" + Integer.toUnsignedString(ids.hashCode(), 36);
    }

    GroupResource resource(Team team, String base, boolean withMembers) {
        ScimStore.TeamMeta meta = store.teamMeta(team.id());
        List<Employee> members = members(team.id());
        GroupResource group = new GroupResource();
        group.setId(team.id());
        group.setExternalId(meta.externalId());
        group.setDisplayName(team.name());
        if (withMembers) {
            group.setMembers(members.stream().map(m -> new Member().setValue(m.id()).setDisplay(m.displayName())
                    .setType("User").setRef(URI.create(base + "/Users/" + m.id()))).toList());
        }
        if (team.managerId() != null || team.deputyId() != null) {
            group.setExtension(new TeamExtension()
                    .setManager(leader(team.managerId(), base)).setDeputy(leader(team.deputyId(), base)));
        }
        group.setMeta(new Meta().setResourceType("Group")
                .setCreated(ScimSupport.calendar(meta.created()))
                .setLastModified(ScimSupport.calendar(meta.lastModified()))
                .setLocation(URI.create(base + "/Groups/" + team.id()))
                .setVersion(ScimSupport.etag(version(team, members))));
        return group;
    }

    private static Manager leader(String id, String base) {
        return id == null ? null : new Manager().setValue(id).setRef(URI.create(base + "/Users/" + id));
    }
}
