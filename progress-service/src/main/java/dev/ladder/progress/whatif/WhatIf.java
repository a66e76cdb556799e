package dev.ladder.progress.whatif;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.ledger.LedgerEntry;
import dev.ladder.progress.readiness.EmployeeProgress;
import dev.ladder.progress.readiness.LedgerReplay;
import dev.ladder.progress.readiness.ProgressQueries;
import dev.ladder.progress.readiness.ReadinessService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "What if I had…": the hypothetical achievements become ledger entries that exist only in memory, and the same
 * replay as for real events evaluates them. Read-only transaction: nothing is stored, nothing announced.
 */
@Service
public class WhatIf {

    /** Where the employee stands now and where the hypothetical achievements would put them. */
    public record Outcome(EmployeeProgress before, EmployeeProgress after) {
    }

    private final ReadinessService readiness;
    private final ProgressQueries queries;
    private final CatalogVersions catalogs;
    private final Employees employees;
    private final Ledger ledger;
    private final Clock clock;

    public WhatIf(ReadinessService readiness, ProgressQueries queries, CatalogVersions catalogs, Employees employees,
                  Ledger ledger, Clock clock) {
        this.readiness = readiness;
        this.queries = queries;
        this.catalogs = catalogs;
        this.employees = employees;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** As {@link #evaluate(String, WhatIfRequest)}, for whoever may see the employee's progress (else 403 / 404). */
    @Transactional(readOnly = true)
    public Outcome evaluate(String employeeId, WhatIfRequest request, Caller caller) {
        queries.checkAccess(employeeId, caller);
        return evaluate(employeeId, request);
    }

    /** For the caller themselves (matched by their sign-in subject); 404 for a caller who is nobody known. */
    @Transactional(readOnly = true)
    public Outcome mine(WhatIfRequest request, Caller caller) {
        String me = queries.employeeIdOf(caller)
                .orElseThrow(() -> new NotFoundException("No employee signs in with this account"));
        return evaluate(me, request);
    }

    @Transactional(readOnly = true)
    public Outcome evaluate(String employeeId, WhatIfRequest request) {
        Optional<Employee> employee = employees.find(employeeId);
        String trackId = readiness.trackOf(employee);
        CatalogVersionPublished catalog = catalogs.newest(trackId)
                .orElseThrow(() -> new NotFoundException("No career track has been published yet"));
        validate(request, catalog);
        EmployeeProgress before = readiness.progressOf(employeeId).orElseThrow();
        int heldRank = readiness.heldRank(employeeId, trackId, catalog.version());
        LocalDate today = readiness.today();
        LocalDate start = employee.map(Employee::startDate).orElse(null);
        List<LedgerEntry> entries = new ArrayList<>(ledger.entries(employeeId));
        entries.addAll(hypothetical(employeeId, request, start, today));
        EmployeeProgress after = LedgerReplay.on(catalog, entries, start, today, heldRank)
                .map(p -> ReadinessService.toProgress(employeeId, trackId, catalog.version(), p, clock.instant()))
                .orElseThrow(() -> new NotFoundException("Track '" + trackId + "' has no levels"));
        return new Outcome(before, after);
    }

    private List<LedgerEntry> hypothetical(String employeeId, WhatIfRequest request, LocalDate start,
                                           LocalDate today) {
        Instant now = clock.instant().plusSeconds(1); // recorded after anything real: it wins same-day ties
        List<LedgerEntry> entries = new ArrayList<>();
        for (WhatIfRequest.Certification c : request.certifications()) {
            LocalDate issued = c.issuedOn() == null ? today : c.issuedOn();
            String id = "what-if-" + entries.size();
            entries.add(new LedgerEntry(-1, id, EventType.CERTIFICATION_RECORDED.id(), issued,
                    new CertificationRecorded(id, employeeId, c.certificationId(), "what-if", null, issued,
                            c.expiresOn(), now)));
        }
        for (WhatIfRequest.Skill s : request.skills()) {
            String id = "what-if-" + entries.size();
            entries.add(new LedgerEntry(-1, id, EventType.SKILL_ASSESSED.id(), today,
                    new SkillAssessed(id, employeeId, s.skillId(), s.proficiency(), SkillAssessed.Source.SELF,
                            employeeId, today, now)));
        }
        if (request.experienceYears() != null && request.experienceYears() > 0) {
            LocalDate until = start == null ? today : start;
            LocalDate from = until.minusYears(request.experienceYears());
            entries.add(new LedgerEntry(-1, "what-if-experience", EventType.EXPERIENCE_RECORDED.id(), from,
                    new ExperienceRecorded("what-if-experience", employeeId, from, until, "what-if", now)));
        }
        return entries;
    }

    private static void validate(WhatIfRequest request, CatalogVersionPublished catalog) {
        Set<String> certifications = catalog.certifications().stream().map(CatalogVersionPublished.Certification::id)
                .collect(Collectors.toSet());
        Set<String> skills = catalog.skills().stream().map(CatalogVersionPublished.Skill::id)
                .collect(Collectors.toSet());
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < request.certifications().size(); i++) {
            WhatIfRequest.Certification c = request.certifications().get(i);
            if (!certifications.contains(c.certificationId())) {
                problems.add(new FieldProblem("certifications[" + i + "].certificationId",
                        "unknown certification '" + c.certificationId() + "'"));
            }
            if (c.issuedOn() != null && c.expiresOn() != null && c.expiresOn().isBefore(c.issuedOn())) {
                problems.add(new FieldProblem("certifications[" + i + "].expiresOn",
                        "must not be before issuedOn"));
            }
        }
        for (int i = 0; i < request.skills().size(); i++) {
            if (!skills.contains(request.skills().get(i).skillId())) {
                problems.add(new FieldProblem("skills[" + i + "].skillId",
                        "unknown skill '" + request.skills().get(i).skillId() + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
    }
}
