package dev.ladder.profile.demo;

import dev.ladder.profile.audit.Actor;
import dev.ladder.profile.catalog.LocalCatalog;
import dev.ladder.profile.config.ProfileProperties;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeService;
import dev.ladder.profile.organisation.NewTeamRequest;
import dev.ladder.profile.organisation.PeopleAdministration;
import dev.ladder.profile.organisation.PersonRequest;
import dev.ladder.profile.organisation.ProvisionRequest;
import dev.ladder.profile.organisation.TeamAdministration;
import dev.ladder.profile.organisation.TeamRequest;
import dev.ladder.profile.placement.PlacementRequest;
import dev.ladder.profile.placement.PlacementService;
import dev.ladder.profile.team.Team;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Seeds the demo org when {@code ladder.profile.demo-data=true}, through the same application services an admin or
 * the HR feed uses (provisioned by username, audited, announced). Idempotent: it converges the demo people and team
 * to {@link DemoOrg} in one transaction and announces only what it created or changed, so restarting a seeded
 * service emits nothing. Mark's placement at Senior Level needs the track's levels in the local catalog copy: it is
 * made as soon as they are known (at start-up or when the release arrives), once.
 */
@Component
class DemoOrgSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoOrgSeeder.class);
    /** Serialises seeding between instances starting together against one database. */
    private static final long LOCK = 0x4C414444_45520001L;
    private static final Actor SEEDER = Actor.system("demo-seeder");
    private static final UUID MARK_PLACEMENT = UUID.nameUUIDFromBytes(
            "ladder-demo:placement:mark:senior".getBytes(StandardCharsets.UTF_8));

    private final ProfileProperties properties;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final EmployeeService employees;
    private final PeopleAdministration people;
    private final TeamAdministration teams;
    private final PlacementService placements;
    private final LocalCatalog catalog;

    DemoOrgSeeder(ProfileProperties properties, PlatformTransactionManager transactions, JdbcClient jdbc,
                  EmployeeService employees, PeopleAdministration people, TeamAdministration teams,
                  PlacementService placements, LocalCatalog catalog) {
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.employees = employees;
        this.people = people;
        this.teams = teams;
        this.placements = placements;
        this.catalog = catalog;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.demoData()) {
            int changed = tx.execute(status -> seed());
            log.info("Demo org seeded: {} employee(s) or team(s) created or updated", changed);
            placeMark();
        }
    }

    /** A release of the default track arrived: Mark's level may be known now. */
    @TransactionalEventListener
    void on(LocalCatalog.TrackApplied applied) {
        if (properties.demoData() && applied.trackId().equals(properties.defaultTrackId())) {
            try {
                placeMark();
            } catch (RuntimeException e) {
                log.warn("Could not place the demo manager: {}", e.getMessage());
            }
        }
    }

    private int seed() {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().singleRow();
        int changed = 0;
        for (DemoOrg.Person p : DemoOrg.LEADERS) {
            changed += converge(p);
        }
        Optional<Team> team = teams.findIfAny(DemoOrg.TEAM_ID);
        if (team.isEmpty()) {
            teams.create(SEEDER, new NewTeamRequest(DemoOrg.TEAM_ID, DemoOrg.TEAM_NAME, DemoOrg.TEAM_MANAGER, null));
            changed++;
        } else if (!team.get().name().equals(DemoOrg.TEAM_NAME)
                || !DemoOrg.TEAM_MANAGER.equals(team.get().managerId())) {
            teams.update(SEEDER, team.get(),
                    new TeamRequest(DemoOrg.TEAM_NAME, DemoOrg.TEAM_MANAGER, team.get().deputyId()));
            changed++;
        }
        for (DemoOrg.Person p : DemoOrg.MEMBERS) {
            changed += converge(p);
        }
        return changed;
    }

    private int converge(DemoOrg.Person p) {
        String track = properties.defaultTrackId();
        Optional<Employee> existing = employees.find(p.id());
        if (existing.isEmpty()) {
            people.provision(SEEDER, new ProvisionRequest(p.username(), null, p.displayName(), p.email(), p.teamId(),
                    track, p.region(), p.startDate(), null), p.id());
            return 1;
        }
        Employee e = existing.get();
        boolean current = Objects.equals(e.displayName(), p.displayName()) && Objects.equals(e.email(), p.email())
                && Objects.equals(e.teamId(), p.teamId()) && Objects.equals(e.trackId(), track)
                && Objects.equals(e.region(), p.region()) && Objects.equals(e.startDate(), p.startDate());
        if (current) {
            return 0;
        }
        if (!e.active()) {
            log.warn("Demo employee {} is retired: left as it is", p.username());
            return 0;
        }
        people.update(SEEDER, e, new PersonRequest(p.displayName(), p.email(), p.teamId(), track, p.region(),
                p.startDate(), e.jobTitle()));
        return 1;
    }

    /** Places Mark at Senior Level once, as soon as the local catalog knows that level. */
    private void placeMark() {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().singleRow();
            Optional<Employee> mark = employees.find(DemoOrg.MARK);
            if (mark.isEmpty() || !mark.get().active() || placements.placed(DemoOrg.MARK)
                    || catalog.levelName(properties.defaultTrackId(), DemoOrg.MARK_LEVEL).isEmpty()) {
                return;
            }
            placements.place(SEEDER, mark.get(), new PlacementRequest(properties.defaultTrackId(),
                    DemoOrg.MARK_LEVEL, DemoOrg.MARK_PLACED_ON, DemoOrg.MARK_REASON), MARK_PLACEMENT);
            log.info("Demo manager placed at {}", DemoOrg.MARK_LEVEL);
        });
    }
}
