package dev.ladder.progress.ledger;

import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.ExperienceWithdrawn;
import dev.ladder.contracts.achievements.LevelPlaced;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished.VerificationPolicy;
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
 * count, so the same fold answers "now" and "as of". The ledger is append-only; the fold decides what the facts are:
 * <ul>
 * <li>What is true of the whole history is known from the start, whatever the entries' dates or arrival order:
 * rejections and withdrawals (matched by achievementId / experienceId) void their claim on every date; of several
 * recordings of one achievementId or experienceId the one with the newest {@code recordedAt} (then the later ledger
 * entry) is the truth on every date — the others are ignored, the winner counts from its own effective date.</li>
 * <li>The track's {@link VerificationPolicy}: a self-declared certification counts only once verified (from the
 * verification's day on, not before its own issue date), unless the policy counts unverified ones; a
 * self-assessment counts only if the policy says so. A claim that does not count (yet) is kept as pending.</li>
 * <li>A {@link LevelPlaced} places the person on a track from its effective date on (the newest in force wins).</li>
 * </ul>
 * A fold is incremental: {@link #add} the entries of a history in effective-date order, and after each day ask it
 * the {@link Facts} a level's requirements need (answered from the fold, nothing built) — which is how a replay walks
 * a whole history in one pass — or for the whole {@link #state()}.
 */
public final class AchievementFold implements Facts {

    private static final Comparator<SkillAssessed> LATEST_ASSESSMENT = Comparator
            .comparing(SkillAssessed::assessedOn).thenComparing(SkillAssessed::recordedAt);

    private final LocalDate startDate;
    private final boolean unverifiedCertificationsCount;
    private final boolean selfAssessedSkillsCount;
    /** rejected or withdrawn achievement ids: never true */
    private final Set<String> voided = new HashSet<>();
    /** achievementId → the recording that is the truth (newest recordedAt) */
    private final Map<String, LedgerEntry> truthOf = new HashMap<>();
    /** experienceId → the recording that is the truth, and the withdrawn ones; null until a history has any */
    private Map<String, LedgerEntry> experienceTruth;
    private Set<String> withdrawnExperience;
    private final Map<String, CertificationRecorded> recorded = new LinkedHashMap<>();
    private final Map<String, LocalDate> revoked = new HashMap<>();
    private Set<String> verified;
    private final Map<String, SkillAssessed> latestSkill = new HashMap<>();
    private Map<String, SkillAssessed> latestSelfSkill;
    private final Map<String, ExperiencePeriod> periods = new LinkedHashMap<>();
    private Map<String, String> placements;

    /** A fold under the legacy policy (every claim counts as recorded). */
    public AchievementFold(LocalDate startDate, List<LedgerEntry> entries) {
        this(startDate, entries, VerificationPolicy.LEGACY);
    }

    /**
     * A fold over {@code entries}: the rejections, withdrawals and corrections among them are known from the start,
     * whatever their date.
     */
    public AchievementFold(LocalDate startDate, List<LedgerEntry> entries, VerificationPolicy policy) {
        this.startDate = startDate;
        this.unverifiedCertificationsCount = policy.unverifiedCertificationsCount();
        this.selfAssessedSkillsCount = policy.selfAssessedSkillsCount();
        for (LedgerEntry entry : entries) {
            Object event = entry.event();
            if (event instanceof CertificationRecorded c) {
                truthOf.merge(c.achievementId(), entry, AchievementFold::newerCertification);
            } else if (event instanceof CertificationRejected r) {
                voided.add(r.achievementId());
            } else if (event instanceof CertificationWithdrawn w) {
                voided.add(w.achievementId());
            } else if (event instanceof ExperienceRecorded e) {
                if (experienceTruth == null) {
                    experienceTruth = new HashMap<>();
                }
                experienceTruth.merge(e.experienceId(), entry, AchievementFold::newerExperience);
            } else if (event instanceof ExperienceWithdrawn w) {
                if (withdrawnExperience == null) {
                    withdrawnExperience = new HashSet<>();
                }
                withdrawnExperience.add(w.experienceId());
            }
        }
    }

    /** The state on {@code on} under the legacy policy. */
    public static EmployeeState stateOn(List<LedgerEntry> entries, LocalDate startDate, LocalDate on) {
        return stateOn(entries, startDate, on, VerificationPolicy.LEGACY);
    }

    /** The state on {@code on}: every entry effective on or before that day, judged by the track's policy. */
    public static EmployeeState stateOn(List<LedgerEntry> entries, LocalDate startDate, LocalDate on,
                                        VerificationPolicy policy) {
        AchievementFold fold = new AchievementFold(startDate, entries, policy);
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
            LedgerEntry truth = truthOf.get(c.achievementId());
            if (truth == null) {
                recorded.putIfAbsent(c.achievementId(), c); // not seen by the constructor: first one wins
            } else if (truth == entry) {
                recorded.put(c.achievementId(), c); // the correction that is the truth; the others are ignored
            }
        } else if (event instanceof CertificationRevoked r) {
            revoked.merge(r.achievementId(), r.effectiveOn(), (a, b) -> a.isBefore(b) ? a : b);
        } else if (event instanceof CertificationVerified v) {
            if (verified == null) {
                verified = new HashSet<>();
            }
            verified.add(v.achievementId());
        } else if (event instanceof SkillAssessed s) {
            if (s.source() == SkillAssessed.Source.SELF && !selfAssessedSkillsCount) {
                if (latestSelfSkill == null) {
                    latestSelfSkill = new HashMap<>();
                }
                latestSelfSkill.merge(s.skillId(), s, AchievementFold::later);
            } else {
                latestSkill.merge(s.skillId(), s, AchievementFold::later);
            }
        } else if (event instanceof ExperienceRecorded e) {
            if (withdrawnExperience != null && withdrawnExperience.contains(e.experienceId())) {
                return;
            }
            LedgerEntry truth = experienceTruth == null ? null : experienceTruth.get(e.experienceId());
            if (truth == null) {
                periods.putIfAbsent(e.experienceId(), new ExperiencePeriod(e.startedOn(), e.endedOn()));
            } else if (truth == entry) {
                periods.put(e.experienceId(), new ExperiencePeriod(e.startedOn(), e.endedOn()));
            }
        } else if (event instanceof LevelPlaced p) {
            if (placements == null) {
                placements = new HashMap<>();
            }
            placements.put(p.trackId(), p.levelId()); // a later placement replaces an earlier one from its date on
        }
        // rejections and withdrawals are known from the start
    }

    /** The state after the entries added so far (a replay builds it for its last day alone: see {@link Facts}). */
    public EmployeeState state() {
        List<HeldCertification> held = new ArrayList<>(recorded.size());
        List<HeldCertification> pending = new ArrayList<>(0);
        for (CertificationRecorded c : recorded.values()) {
            if (voided.contains(c.achievementId())) {
                continue;
            }
            HeldCertification certification = new HeldCertification(c.certificationId(), c.issuedOn(),
                    c.expiresOn());
            LocalDate revokedOn = revoked.get(c.achievementId());
            if (revokedOn != null) {
                certification = certification.revokedOn(revokedOn);
            }
            (awaitsVerification(c) ? pending : held).add(certification);
        }
        Map<String, Integer> skills = new HashMap<>();
        Map<String, LocalDate> assessedOn = new HashMap<>();
        latestSkill.forEach((skill, assessment) -> {
            skills.put(skill, assessment.proficiency());
            assessedOn.put(skill, assessment.assessedOn());
        });
        Map<String, Integer> pendingSkills = new HashMap<>();
        if (latestSelfSkill != null) {
            latestSelfSkill.forEach((skill, assessment) -> pendingSkills.put(skill, assessment.proficiency()));
        }
        return new EmployeeState(startDate, held, skills, List.copyOf(periods.values()), assessedOn, pending,
                pendingSkills, placements);
    }

    // Facts straight from the fold, for the replay's check of every day: nothing is copied

    @Override
    public boolean holdsCertification(String certificationId, LocalDate on) {
        for (CertificationRecorded c : recorded.values()) {
            if (c.certificationId().equals(certificationId) && !voided.contains(c.achievementId())
                    && !awaitsVerification(c)) {
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

    @Override
    public String placedLevel(String trackId) {
        return placements == null ? null : placements.get(trackId);
    }

    /**
     * A self-declared certification on a track that counts only verified ones, with no verification effective yet
     * (the fold holds entries up to the evaluated day, so a verification dated later is not in it).
     */
    private boolean awaitsVerification(CertificationRecorded c) {
        return !unverifiedCertificationsCount && c.selfDeclared()
                && (verified == null || !verified.contains(c.achievementId()));
    }

    /** The latest assessment by assessedOn; on the same day the one recorded last. */
    private static SkillAssessed later(SkillAssessed a, SkillAssessed b) {
        return LATEST_ASSESSMENT.compare(b, a) >= 0 ? b : a;
    }

    /** Of two recordings of one achievement, the newest recordedAt; equally new: the later ledger entry. */
    private static LedgerEntry newerCertification(LedgerEntry a, LedgerEntry b) {
        int byTime = ((CertificationRecorded) b.event()).recordedAt()
                .compareTo(((CertificationRecorded) a.event()).recordedAt());
        return byTime > 0 || byTime == 0 && b.sequence() >= a.sequence() ? b : a;
    }

    private static LedgerEntry newerExperience(LedgerEntry a, LedgerEntry b) {
        int byTime = ((ExperienceRecorded) b.event()).recordedAt()
                .compareTo(((ExperienceRecorded) a.event()).recordedAt());
        return byTime > 0 || byTime == 0 && b.sequence() >= a.sequence() ? b : a;
    }
}
