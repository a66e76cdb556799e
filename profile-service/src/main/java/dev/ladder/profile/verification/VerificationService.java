package dev.ladder.profile.verification;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import dev.ladder.profile.certification.CertificationService;
import dev.ladder.profile.certification.CertificationView;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.evidence.Reports;
import dev.ladder.profile.skill.AssessmentView;
import dev.ladder.profile.skill.SkillService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * The reviewer's side: the queue of pending claims of the people the caller manages (as manager or deputy; an
 * admin: everyone's), and the decisions, which the owning features carry out.
 */
@Service
public class VerificationService {

    private final VerificationQueue queue;
    private final Reports reports;
    private final CertificationService certifications;
    private final SkillService skills;

    VerificationService(VerificationQueue queue, Reports reports, CertificationService certifications,
                        SkillService skills) {
        this.queue = queue;
        this.reports = reports;
        this.certifications = certifications;
        this.skills = skills;
    }

    @Transactional
    public Page<QueueItem> queue(Caller caller, int page, int size) {
        Employee self = reports.self(caller);
        List<String> teams = null;
        if (!caller.isAdmin()) {
            teams = queue.teamsWithPendingClaims().stream().filter(team -> reports.manages(self, team)).toList();
            if (teams.isEmpty()) {
                return new Page<>(List.of(), page, size, 0);
            }
        }
        return new Page<>(queue.page(self.id(), teams, size, (long) page * size), page, size,
                queue.count(self.id(), teams));
    }

    public CertificationView verifyCertification(Caller caller, UUID id) {
        return certifications.verify(caller, id);
    }

    public CertificationView rejectCertification(Caller caller, UUID id, String reason) {
        return certifications.reject(caller, id, reason);
    }

    public AssessmentView verifySkill(Caller caller, UUID id, Integer proficiency) {
        return skills.confirm(caller, id, proficiency);
    }
}
