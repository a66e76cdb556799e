package dev.ladder.progress.ledger;

import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.progress.rules.EmployeeState;
import dev.ladder.progress.rules.ExperiencePeriod;
import dev.ladder.progress.rules.HeldCertification;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds ledger entries into the state the rules evaluate on one date. Pure. Only entries effective on or before the
 * date count, so the same fold answers "now" and "as of". Rejections and revocations are matched to their
 * certification by achievementId whatever order they were recorded in.
 */
public final class AchievementFold {

    public static EmployeeState stateOn(List<LedgerEntry> entries, LocalDate startDate, LocalDate on) {
        Map<String, CertificationRecorded> recorded = new LinkedHashMap<>();
        Set<String> rejected = new HashSet<>();
        Map<String, LocalDate> revoked = new HashMap<>();
        Map<String, SkillAssessed> latestSkill = new HashMap<>();
        Map<String, ExperiencePeriod> periods = new LinkedHashMap<>();
        for (LedgerEntry entry : entries) {
            Object event = entry.event();
            if (event instanceof CertificationRejected r) {
                // a rejected claim was never true: it voids the certification on every date, not from the decision
                rejected.add(r.achievementId());
            } else if (entry.effectiveDate().isAfter(on)) {
                continue;
            } else if (event instanceof CertificationRecorded c) {
                recorded.putIfAbsent(c.achievementId(), c);
            } else if (event instanceof CertificationRevoked r) {
                revoked.merge(r.achievementId(), r.effectiveOn(), (a, b) -> a.isBefore(b) ? a : b);
            } else if (event instanceof SkillAssessed s) {
                latestSkill.merge(s.skillId(), s, AchievementFold::later);
            } else if (event instanceof ExperienceRecorded e) {
                periods.putIfAbsent(e.experienceId(), new ExperiencePeriod(e.startedOn(), e.endedOn()));
            }
            // verifications don't change what counts: a recorded certification counts until rejected
        }
        EmployeeState state = EmployeeState.empty().withStartDate(startDate);
        for (CertificationRecorded c : recorded.values()) {
            if (rejected.contains(c.achievementId())) {
                continue;
            }
            HeldCertification held = new HeldCertification(c.certificationId(), c.issuedOn(), c.expiresOn());
            LocalDate revokedOn = revoked.get(c.achievementId());
            state = state.withCertification(revokedOn == null ? held : held.revokedOn(revokedOn));
        }
        Map<String, Integer> skills = new HashMap<>();
        Map<String, LocalDate> assessedOn = new HashMap<>();
        latestSkill.forEach((skill, assessment) -> {
            skills.put(skill, assessment.proficiency());
            assessedOn.put(skill, assessment.assessedOn());
        });
        return state.withSkills(skills, assessedOn).withExperience(List.copyOf(periods.values()));
    }

    /** The latest assessment by assessedOn; on the same day the one recorded last. */
    private static SkillAssessed later(SkillAssessed a, SkillAssessed b) {
        Comparator<SkillAssessed> order = Comparator.comparing(SkillAssessed::assessedOn)
                .thenComparing(SkillAssessed::recordedAt);
        return order.compare(b, a) >= 0 ? b : a;
    }

    private AchievementFold() {
    }
}
