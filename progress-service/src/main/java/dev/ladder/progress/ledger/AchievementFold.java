package dev.ladder.progress.ledger;

import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.progress.rules.EmployeeState;
import dev.ladder.progress.rules.ExperiencePeriod;
import dev.ladder.progress.rules.Facts;
import dev.ladder.progress.rules.HeldCertification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds ledger entries into the state the rules evaluate. Only entries effective on or before the evaluated date
 * count, so the same fold answers "now" and "as of". Rejections are matched to their certification by achievementId
 * whatever order they were recorded in, and void it on every date (the claim was never true).
 * <p>
 * A fold is incremental: {@link #add} the entries of a history in effective-date order, and after each day ask it
 * the {@link Facts} a level's requirements need (answered from the fold, nothing built) — which is how a replay walks
 * a whole history in one pass — or for the whole {@link #state()}.
 */
public final class AchievementFold implements Facts {

    private static final Comparator<SkillAssessed> LATEST_ASSESSMENT = Comparator
            .comparing(SkillAssessed::assessedOn).thenComparing(SkillAssessed::recordedAt);

    private final LocalDate startDate;
    private final Set<String> rejected;
    private final Map<String, CertificationRecorded> recorded = new LinkedHashMap<>();
    private final Map<String, LocalDate> revoked = new HashMap<>();
    private final Map<String, SkillAssessed> latestSkill = new HashMap<>();
    private final Map<String, ExperiencePeriod> periods = new LinkedHashMap<>();

    /** A fold over {@code entries}: the rejections among them are known from the start, whatever their date. */
    public AchievementFold(LocalDate startDate, List<LedgerEntry> entries) {
        this.startDate = startDate;
        this.rejected = new HashSet<>();
        for (LedgerEntry entry : entries) {
            if (entry.event() instanceof CertificationRejected r) {
                rejected.add(r.achievementId());
            }
        }
    }

    /** The state on {@code on}: every entry effective on or before that day. */
    public static EmployeeState stateOn(List<LedgerEntry> entries, LocalDate startDate, LocalDate on) {
        AchievementFold fold = new AchievementFold(startDate, entries);
        for (LedgerEntry entry : entries) {
            if (!entry.effectiveDate().isAfter(on)) {
                fold.add(entry);
            }
        }
        return fold.state();
    }

    /** Takes one more entry into account; entries of one day in the order they were recorded. */
    public void add(LedgerEntry entry) {
        Object event = entry.event();
        if (event instanceof CertificationRecorded c) {
            recorded.putIfAbsent(c.achievementId(), c);
        } else if (event instanceof CertificationRevoked r) {
            revoked.merge(r.achievementId(), r.effectiveOn(), (a, b) -> a.isBefore(b) ? a : b);
        } else if (event instanceof SkillAssessed s) {
            latestSkill.merge(s.skillId(), s, AchievementFold::later);
        } else if (event instanceof ExperienceRecorded e) {
            periods.putIfAbsent(e.experienceId(), new ExperiencePeriod(e.startedOn(), e.endedOn()));
        }
        // rejections are known from the start; verifications don't change what counts
    }

    /** The state after the entries added so far (a replay builds it for its last day alone: see {@link Facts}). */
    public EmployeeState state() {
        List<HeldCertification> held = new ArrayList<>(recorded.size());
        for (CertificationRecorded c : recorded.values()) {
            if (rejected.contains(c.achievementId())) {
                continue;
            }
            HeldCertification certification = new HeldCertification(c.certificationId(), c.issuedOn(),
                    c.expiresOn());
            LocalDate revokedOn = revoked.get(c.achievementId());
            held.add(revokedOn == null ? certification : certification.revokedOn(revokedOn));
        }
        Map<String, Integer> skills = new HashMap<>();
        Map<String, LocalDate> assessedOn = new HashMap<>();
        latestSkill.forEach((skill, assessment) -> {
            skills.put(skill, assessment.proficiency());
            assessedOn.put(skill, assessment.assessedOn());
        });
        return new EmployeeState(startDate, held, skills, List.copyOf(periods.values()), assessedOn);
    }

    // Facts straight from the fold, for the replay's check of every day: nothing is copied

    @Override
    public boolean holdsCertification(String certificationId, LocalDate on) {
        for (CertificationRecorded c : recorded.values()) {
            if (c.certificationId().equals(certificationId) && !rejected.contains(c.achievementId())) {
                if (HeldCertification.validOn(c.issuedOn(), c.expiresOn(), revoked.get(c.achievementId()), on)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Integer proficiency(String skillId) {
        SkillAssessed latest = latestSkill.get(skillId);
        return latest == null ? null : latest.proficiency();
    }

    @Override
    public int yearsOfExperience(LocalDate on) {
        List<ExperiencePeriod> all = new ArrayList<>(periods.values());
        if (startDate != null) {
            all.add(new ExperiencePeriod(startDate, null));
        }
        return all.isEmpty() ? -1 : ExperiencePeriod.wholeYears(all, on);
    }

    /** The latest assessment by assessedOn; on the same day the one recorded last. */
    private static SkillAssessed later(SkillAssessed a, SkillAssessed b) {
        return LATEST_ASSESSMENT.compare(b, a) >= 0 ? b : a;
    }
}
