package dev.ladder.profile.skill;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.kit.outbox.Outbox;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ConflictException;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.Page;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.profile.catalog.CatalogSkill;
import dev.ladder.profile.catalog.LocalCatalog;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.evidence.Reports;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Skill assessments: the employee's own (SELF, pending until a manager confirms), a manager's (MANAGER), and the
 * manager's confirmation of a self-assessment. Each is one SkillAssessed through the outbox; bad input writes
 * nothing.
 */
@Service
public class SkillService {

    private final SkillRepository assessments;
    private final LocalCatalog catalog;
    private final Reports reports;
    private final Outbox outbox;
    private final Clock clock;

    SkillService(SkillRepository assessments, LocalCatalog catalog, Reports reports, Outbox outbox, Clock clock) {
        this.assessments = assessments;
        this.catalog = catalog;
        this.reports = reports;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The caller assesses one of their track's skills (source SELF). */
    @Transactional
    public AssessmentView assessSelf(Caller caller, AssessSkillRequest request) {
        Employee employee = reports.self(caller);
        String skillId = knownSkill(employee, request.skillId());
        return record(employee, skillId, request.proficiency(), request.note(), SkillAssessed.Source.SELF,
                employee.id(), "PENDING");
    }

    /** A manager (or deputy) of the employee's team, or an admin, assesses their skill (source MANAGER). */
    @Transactional
    public AssessmentView assessReport(Caller caller, String employeeId, AssessSkillRequest request) {
        Employee reviewer = reports.self(caller);
        if (reviewer.id().equals(employeeId)) {
            throw new ForbiddenException("Nobody assesses their own skills as a manager; use /me/skills");
        }
        Employee employee = reports.report(caller, reviewer, employeeId);
        String skillId = knownSkill(employee, request.skillId());
        return record(employee, skillId, request.proficiency(), request.note(), SkillAssessed.Source.MANAGER,
                reviewer.id(), "RECORDED");
    }

    /**
     * A manager confirms a pending self-assessment: a MANAGER assessment with the proficiency they give (default:
     * the self-assessed one); the self-assessment becomes VERIFIED.
     */
    @Transactional
    public AssessmentView confirm(Caller caller, UUID assessmentId, Integer proficiency) {
        Employee reviewer = reports.self(caller);
        AssessmentView self = assessments.lock(assessmentId).filter(a -> a.source().equals("SELF"))
                .orElseThrow(() -> unknown(assessmentId));
        // their own: they see it, so a 403 tells them nothing; anyone else's they may not decide answers exactly as
        // an unknown id (404, same body), so nobody can probe which self-assessments exist
        if (self.employeeId().equals(reviewer.id())) {
            throw new ForbiddenException("Nobody verifies their own claim");
        }
        if (!reports.decidable(caller, reviewer, self.employeeId())) {
            throw unknown(assessmentId);
        }
        Employee employee = reports.employee(self.employeeId());
        if (!self.state().equals("PENDING")) {
            throw new ConflictException("Self-assessment " + assessmentId + " is " + self.state()
                    + ", not pending: it was already decided or replaced");
        }
        int confirmed = proficiency == null ? self.proficiency() : proficiency;
        AssessmentView manager = record(employee, self.skillId(), confirmed, null, SkillAssessed.Source.MANAGER,
                reviewer.id(), "RECORDED");
        assessments.verify(assessmentId, reviewer.id(), manager.id(), manager.recordedAt());
        return manager;
    }

    @Transactional
    public SkillsView mine(Caller caller, int page, int size) {
        return skills(reports.self(caller), page, size);
    }

    /** For the employee, their manager or deputy, and admins (others: 404). */
    @Transactional
    public SkillsView of(Caller caller, String employeeId, int page, int size) {
        return skills(reports.readable(caller, employeeId), page, size);
    }

    /**
     * Every assessment of one skill of the employee, newest first, paged (the skills list shows only the newest
     * {@value SkillView#HISTORY_SHOWN}): for the employee, their manager or deputy, and admins (others: 404).
     * {@code employeeId} null: the caller's own.
     */
    @Transactional
    public Page<AssessmentView> history(Caller caller, String employeeId, String skillId, int page, int size) {
        Employee employee = employeeId == null ? reports.self(caller) : reports.readable(caller, employeeId);
        return new Page<>(assessments.history(employee.id(), skillId, size, (long) page * size), page, size,
                assessments.countHistory(employee.id(), skillId));
    }

    private SkillsView skills(Employee employee, int page, int size) {
        List<CatalogSkill> track = catalog.skills(employee.trackId());
        List<CatalogSkill> shown = Page.of(track, page, size).items();
        Map<String, List<AssessmentView>> bySkill = shown.isEmpty() ? Map.of()
                : assessments.newestPerSkill(employee.id(), SkillView.HISTORY_SHOWN).stream()
                .collect(Collectors.groupingBy(AssessmentView::skillId));
        Map<String, Long> counts = shown.isEmpty() ? Map.of() : assessments.countsPerSkill(employee.id());
        List<SkillView> items = shown.stream()
                .map(skill -> view(skill, bySkill.getOrDefault(skill.id(), List.of()),
                        counts.getOrDefault(skill.id(), 0L)))
                .toList();
        return new SkillsView(employee.id(), employee.trackId(),
                catalog.policy(employee.trackId()).selfAssessedSkillsCount(), ProficiencyScale.DEFAULT,
                new Page<>(items, page, size, track.size()));
    }

    private static SkillView view(CatalogSkill skill, List<AssessmentView> history, long total) {
        if (history.isEmpty()) {
            return new SkillView(skill.id(), skill.name(), null, null, null, null, skill.requirements(), history, 0);
        }
        AssessmentView current = history.get(0); // newest first: latest assessedOn, then recorded last
        return new SkillView(skill.id(), skill.name(), current.proficiency(), current.source(), current.state(),
                current.assessedOn(), skill.requirements(), history, total);
    }

    private AssessmentView record(Employee employee, String skillId, int proficiency, String note,
                                  SkillAssessed.Source source, String assessedBy, String state) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        AssessmentView assessment = new AssessmentView(UUID.randomUUID(), employee.id(), skillId, proficiency,
                note == null || note.isBlank() ? null : note.strip(), source.name(), assessedBy, today, now, state,
                null, null);
        assessments.insert(assessment, employee.trackId());
        assessments.supersedePending(employee.id(), skillId, assessment.id(), now);
        outbox.append(Topics.ACHIEVEMENTS, employee.id(), new SkillAssessed(assessment.id().toString(),
                employee.id(), skillId, proficiency, source, assessedBy, today, now));
        return assessment;
    }

    private String knownSkill(Employee employee, String requested) {
        String skillId = requested.strip();
        if (catalog.skill(employee.trackId(), skillId).isEmpty()) {
            throw new UnprocessableException(List.of(new FieldProblem("skillId",
                    "unknown skill '" + skillId + "' on track '" + employee.trackId() + "'")));
        }
        return skillId;
    }

    private static NotFoundException unknown(UUID id) {
        return new NotFoundException("No such self-assessment among those you may decide.");
    }
}
