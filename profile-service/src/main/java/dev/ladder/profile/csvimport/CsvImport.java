package dev.ladder.profile.csvimport;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ConflictException;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.profile.audit.Actor;
import dev.ladder.profile.config.ProfileProperties;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeRepository;
import dev.ladder.profile.employee.EmployeeService;
import dev.ladder.profile.organisation.Admins;
import dev.ladder.profile.organisation.NewTeamRequest;
import dev.ladder.profile.organisation.PeopleAdministration;
import dev.ladder.profile.organisation.PersonDetails;
import dev.ladder.profile.organisation.PersonRequest;
import dev.ladder.profile.organisation.ProvisionRequest;
import dev.ladder.profile.organisation.TeamAdministration;
import dev.ladder.profile.organisation.TeamRequest;
import dev.ladder.profile.team.Team;
import dev.ladder.profile.team.TeamRepository;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin's CSV first load of people and teams ({@link CsvRows} for the format). Preview checks every row and
 * then rehearses the whole load through the organisation's application services in a transaction that is rolled
 * back, so it reports what the services themselves would refuse and writes nothing; import does the same and
 * commits, all or nothing. Teams are created first (without leaders), then people are provisioned (new
 * username) or updated (known username; blank cells keep the current value), then teams get their manager,
 * deputy and name — so managers may be rows of the same file.
 */
@Service
public class CsvImport {

    private static final Map<String, String> COLUMN_OF = Map.of("username", "username", "externalId", "externalId",
            "displayName", "displayName", "email", "email", "teamId", "teamId", "trackId", "trackId",
            "region", "region", "startDate", "startDate", "jobTitle", "jobTitle", "name", "teamName");

    private final EmployeeService employees;
    private final EmployeeRepository people;
    private final TeamRepository teams;
    private final PeopleAdministration peopleAdministration;
    private final TeamAdministration teamAdministration;
    private final Validator validator;
    private final JdbcClient jdbc;
    private final ProfileProperties properties;
    private final TransactionTemplate tx;

    CsvImport(EmployeeService employees, EmployeeRepository people, TeamRepository teams,
              PeopleAdministration peopleAdministration, TeamAdministration teamAdministration, Validator validator,
              JdbcClient jdbc, ProfileProperties properties, PlatformTransactionManager transactions) {
        this.employees = employees;
        this.people = people;
        this.teams = teams;
        this.peopleAdministration = peopleAdministration;
        this.teamAdministration = teamAdministration;
        this.validator = validator;
        this.jdbc = jdbc;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Every problem, and what would be created or updated; writes nothing. */
    public ImportReport preview(Caller caller, byte[] csv) {
        Actor actor = admin(caller);
        return run(actor, csv, false);
    }

    /** Applies the file in one transaction; any problem → 422 with the same report, and nothing written. */
    public ImportReport apply(Caller caller, byte[] csv) {
        Actor actor = admin(caller);
        ImportReport report = run(actor, csv, true);
        if (!report.valid()) {
            org.springframework.http.ProblemDetail problem = org.springframework.http.ProblemDetail
                    .forStatusAndDetail(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                            "The file has " + report.problems().size() + " problem(s); nothing was imported.");
            problem.setTitle("Import refused");
            problem.setProperty("problems", report.problems());
            problem.setProperty("report", report);
            throw new ErrorResponseException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, problem,
                    null);
        }
        return report;
    }

    private Actor admin(Caller caller) {
        return tx.execute(status -> Admins.admin(employees, caller));
    }

    private ImportReport run(Actor actor, byte[] csv, boolean commit) {
        CsvRows.Parsed parsed = CsvRows.parse(csv);
        List<ImportReport.Problem> problems = new ArrayList<>(parsed.problems());
        Plan plan = tx.execute(status -> {
            status.setRollbackOnly();
            return plan(parsed.rows(), problems);
        });
        if (problems.isEmpty()) {
            // the rehearsal (preview) or the load itself (import), through the organisation's services
            tx.executeWithoutResult(status -> {
                try {
                    execute(actor, plan);
                } catch (RowFailure failure) {
                    problems.add(failure.problem);
                }
                if (!commit || !problems.isEmpty()) {
                    status.setRollbackOnly();
                }
            });
        }
        problems.sort(Comparator.comparingInt(ImportReport.Problem::row));
        return new ImportReport(parsed.rows().size(), problems.isEmpty(), List.copyOf(problems), plan.teamChanges(),
                plan.personChanges());
    }

    // ----- planning: every row checked, nothing written ----------------------------------------------------------

    private record TeamPlan(int row, String id, String name, boolean create, String managerUsername,
                            String deputyUsername) {
    }

    private record PersonPlan(CsvRows.Row row, String username, Employee existing, LocalDate startDate) {
    }

    private record Plan(Map<String, TeamPlan> teams, List<PersonPlan> people) {

        List<ImportReport.Change> teamChanges() {
            return teams.values().stream().filter(t -> t.create() || t.name() != null || t.managerUsername() != null
                            || t.deputyUsername() != null)
                    .map(t -> new ImportReport.Change(t.row(), t.id(), t.create() ? "create" : "update")).toList();
        }

        List<ImportReport.Change> personChanges() {
            return people.stream().map(p -> new ImportReport.Change(p.row().number(), p.username(),
                    p.existing() == null ? "create" : "update")).toList();
        }
    }

    private Plan plan(List<CsvRows.Row> rows, List<ImportReport.Problem> problems) {
        Map<String, TeamPlan> teamPlans = new LinkedHashMap<>();
        List<PersonPlan> personPlans = new ArrayList<>();
        Map<String, Integer> usernames = new HashMap<>();
        for (CsvRows.Row row : rows) {
            String username = row.get("username");
            if (username == null) {
                problems.add(new ImportReport.Problem(row.number(), "username", "required"));
                continue;
            }
            Integer earlier = usernames.putIfAbsent(username.toLowerCase(Locale.ROOT), row.number());
            if (earlier != null) {
                problems.add(new ImportReport.Problem(row.number(), "username", "also in row " + earlier));
                continue;
            }
            Employee existing = byUsername(username).orElse(null);
            if (existing != null && !existing.active()) {
                problems.add(new ImportReport.Problem(row.number(), "username", "'" + username
                        + "' is retired and cannot be changed"));
                continue;
            }
            if (existing == null && row.get("externalId") != null && people.externalIdTaken(row.get("externalId"))) {
                problems.add(new ImportReport.Problem(row.number(), "externalId", "belongs to someone already"));
            }
            LocalDate startDate = CsvRows.date(row, problems);
            validate(row, existing == null
                    ? new ProvisionRequest(username, row.get("externalId"), orEmpty(row.get("displayName")),
                    row.get("email"), row.get("teamId"), row.get("trackId"), row.get("region"), startDate,
                    row.get("jobTitle"))
                    : new PersonRequest(or(row.get("displayName"), existing.displayName()),
                    or(row.get("email"), existing.email()), row.get("teamId"),
                    or(row.get("trackId"), existing.trackId()), or(row.get("region"), existing.region()),
                    startDate != null ? startDate : existing.startDate(), or(row.get("jobTitle"),
                    existing.jobTitle())), problems);
            checkRegion(row, existing, problems);
            if (existing != null && row.get("externalId") != null
                    && !row.get("externalId").equals(existing.externalId())) {
                problems.add(new ImportReport.Problem(row.number(), "externalId", "cannot change an existing "
                        + "person's external id"));
            }
            planTeam(row, teamPlans, problems);
            personPlans.add(new PersonPlan(row, username, existing, startDate));
        }
        for (TeamPlan team : teamPlans.values()) {
            leader(team.row(), "managerUsername", team.managerUsername(), usernames, problems);
            leader(team.row(), "deputyUsername", team.deputyUsername(), usernames, problems);
        }
        return new Plan(teamPlans, personPlans);
    }

    private void planTeam(CsvRows.Row row, Map<String, TeamPlan> plans, List<ImportReport.Problem> problems) {
        String teamId = row.get("teamId");
        String name = row.get("teamName");
        String manager = row.get("managerUsername");
        String deputy = row.get("deputyUsername");
        if (teamId == null) {
            if (name != null || manager != null || deputy != null) {
                problems.add(new ImportReport.Problem(row.number(), "teamId",
                        "required when teamName, managerUsername or deputyUsername is given"));
            }
            return;
        }
        TeamPlan earlier = plans.get(teamId);
        if (earlier == null) {
            Optional<Team> stored = teams.find(teamId);
            if (stored.isPresent() && !stored.get().active()) {
                problems.add(new ImportReport.Problem(row.number(), "teamId", "team '" + teamId
                        + "' is retired and takes no new members"));
                return;
            }
            if (stored.isEmpty()) {
                validate(row, new NewTeamRequest(teamId, orEmpty(name), null, null), problems);
            }
            plans.put(teamId, new TeamPlan(row.number(), teamId, name, stored.isEmpty(), manager, deputy));
            return;
        }
        String conflict = differs(earlier.name(), name) ? "teamName" : differs(earlier.managerUsername(), manager)
                ? "managerUsername" : differs(earlier.deputyUsername(), deputy) ? "deputyUsername" : null;
        if (conflict != null) {
            problems.add(new ImportReport.Problem(row.number(), conflict, "differs from row " + earlier.row()
                    + " for team '" + teamId + "'"));
            return;
        }
        plans.put(teamId, new TeamPlan(earlier.row(), teamId, or(earlier.name(), name), earlier.create(),
                or(earlier.managerUsername(), manager), or(earlier.deputyUsername(), deputy)));
    }

    /**
     * The region the row leaves the person with must be a salary region of the track it leaves them on, as the
     * organisation's service checks it — here for every row, so preview lists each such row, not only the first the
     * service would refuse. A region that is not even a slug was reported by the validation already.
     */
    private void checkRegion(CsvRows.Row row, Employee existing, List<ImportReport.Problem> problems) {
        boolean malformed = problems.stream().anyMatch(p -> p.row() == row.number() && "region".equals(p.column()));
        if (malformed) {
            return;
        }
        String region = existing == null ? row.get("region") : or(row.get("region"), existing.region());
        String track = or(row.get("trackId"), existing == null ? properties.defaultTrackId() : existing.trackId());
        peopleAdministration.regionProblem(region, track, existing).ifPresent(problem ->
                problems.add(new ImportReport.Problem(row.number(), "region", problem.message())));
    }

    private void leader(int row, String column, String username, Map<String, Integer> inFile,
                        List<ImportReport.Problem> problems) {
        if (username != null && !inFile.containsKey(username.toLowerCase(Locale.ROOT))
                && byUsername(username).filter(Employee::active).isEmpty()) {
            problems.add(new ImportReport.Problem(row, column, "no active person '" + username
                    + "' (neither in this file nor in Ladder)"));
        }
    }

    private void validate(CsvRows.Row row, Object request, List<ImportReport.Problem> problems) {
        for (ConstraintViolation<Object> v : validator.validate(request)) {
            String field = v.getPropertyPath().toString();
            if (request instanceof NewTeamRequest && field.equals("id")) {
                field = "teamId";
            }
            String column = COLUMN_OF.getOrDefault(field, field);
            problems.add(new ImportReport.Problem(row.number(), column, v.getMessage()));
        }
    }

    // ----- execution through the organisation's services ---------------------------------------------------------

    private static final class RowFailure extends RuntimeException {

        private final ImportReport.Problem problem;

        RowFailure(ImportReport.Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    private void execute(Actor actor, Plan plan) {
        for (TeamPlan team : plan.teams().values()) {
            if (team.create()) {
                at(team.row(), () -> teamAdministration.create(actor,
                        new NewTeamRequest(team.id(), team.name(), null, null)));
            }
        }
        Map<String, String> ids = new HashMap<>();
        for (PersonPlan p : plan.people()) {
            CsvRows.Row row = p.row();
            if (p.existing() == null) {
                PersonDetails created = at(row.number(), () -> peopleAdministration.provision(actor,
                        new ProvisionRequest(p.username(), row.get("externalId"), row.get("displayName"),
                                row.get("email"), row.get("teamId"), row.get("trackId"), row.get("region"),
                                p.startDate(), row.get("jobTitle")), null));
                ids.put(p.username().toLowerCase(Locale.ROOT), created.id());
            } else {
                Employee e = people.find(p.existing().id()).orElseThrow();
                at(row.number(), () -> peopleAdministration.update(actor, e, new PersonRequest(
                        or(row.get("displayName"), e.displayName()), or(row.get("email"), e.email()),
                        or(row.get("teamId"), e.teamId()), or(row.get("trackId"), e.trackId()),
                        or(row.get("region"), e.region()), p.startDate() != null ? p.startDate() : e.startDate(),
                        or(row.get("jobTitle"), e.jobTitle()))));
                ids.put(p.username().toLowerCase(Locale.ROOT), e.id());
            }
        }
        for (TeamPlan team : plan.teams().values()) {
            if (team.managerUsername() == null && team.deputyUsername() == null
                    && (team.create() || team.name() == null)) {
                continue;
            }
            Team before = teams.find(team.id()).orElseThrow();
            String manager = team.managerUsername() == null ? before.managerId() : id(team.managerUsername(), ids);
            String deputy = team.deputyUsername() == null ? before.deputyId() : id(team.deputyUsername(), ids);
            String name = or(team.name(), before.name());
            if (!name.equals(before.name()) || !Objects.equals(manager, before.managerId())
                    || !Objects.equals(deputy, before.deputyId())) {
                at(team.row(), () -> teamAdministration.update(actor, before, new TeamRequest(name, manager,
                        deputy)));
            }
        }
    }

    private String id(String username, Map<String, String> ids) {
        String id = ids.get(username.toLowerCase(Locale.ROOT));
        return id != null ? id : byUsername(username).map(Employee::id).orElse(null);
    }

    /** Runs one row's change; the services' refusal becomes that row's problem (and the load stops). */
    private static <T> T at(int row, java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (UnprocessableException e) {
            FieldProblem first = e.problems().isEmpty() ? new FieldProblem(null, e.getMessage()) : e.problems().get(0);
            throw new RowFailure(new ImportReport.Problem(row, COLUMN_OF.getOrDefault(first.field(), first.field()),
                    first.message()));
        } catch (ConflictException | NotFoundException | ErrorResponseException e) {
            throw new RowFailure(new ImportReport.Problem(row, null, e.getMessage()));
        }
    }

    private Optional<Employee> byUsername(String username) {
        return jdbc.sql("select id from employee where lower(username) = lower(:username)")
                .param("username", username).query(String.class).optional().flatMap(people::find);
    }

    private static boolean differs(String earlier, String now) {
        return earlier != null && now != null && !earlier.equals(now);
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
