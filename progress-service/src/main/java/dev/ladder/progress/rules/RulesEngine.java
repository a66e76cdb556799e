package dev.ladder.progress.rules;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;

import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates the level requirements of one published catalog version (Level rules v1). Pure: same catalog, state and
 * date give the same answer, which is what makes replays and what-if questions safe.
 */
public final class RulesEngine {

    /** A met certification requirement that lapses within this many days is shown as EXPIRING. */
    public static final int EXPIRING_WITHIN_DAYS = 90;

    private final CatalogVersionPublished catalog;
    private final List<Level> levels;
    private final Map<String, String> certificationNames;
    private final Map<String, String> skillNames;

    /** Compiles a catalog version once; immutable, so one engine serves every evaluation against that version. */
    public RulesEngine(CatalogVersionPublished catalog) {
        this.catalog = catalog;
        this.levels = catalog.levels().stream().sorted(Comparator.comparingInt(Level::rank)).toList();
        this.certificationNames = catalog.certifications().stream()
                .collect(Collectors.toMap(CatalogVersionPublished.Certification::id,
                        CatalogVersionPublished.Certification::name, (a, b) -> a));
        this.skillNames = catalog.skills().stream()
                .collect(Collectors.toMap(CatalogVersionPublished.Skill::id, CatalogVersionPublished.Skill::name,
                        (a, b) -> a));
    }

    public CatalogVersionPublished catalog() {
        return catalog;
    }

    /** The track's levels, lowest rank first. */
    public List<Level> levels() {
        return levels;
    }

    /**
     * Whether every group of the level holds — the same answer as {@code evaluate(...).complete()}, without building
     * the explanation: the replay asks this for every day of a history and needs the details only for the last one.
     */
    public boolean complete(Level level, Facts facts, LocalDate on) {
        for (RequirementGroup group : level.requirements()) {
            int required = effectiveRequired(group);
            int met = 0;
            for (Requirement item : group.items()) {
                if (holds(item, facts, on) && ++met >= required) {
                    break;
                }
            }
            if (met < required) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Requirement item, Facts facts, LocalDate on) {
        return switch (item.type()) {
            case CERTIFICATION -> facts.holdsCertification(item.ref(), on);
            case SKILL -> {
                Integer level = facts.proficiency(item.ref());
                yield level != null && level >= (item.minProficiency() == null ? 1 : item.minProficiency());
            }
            case EXPERIENCE -> {
                int years = facts.yearsOfExperience(on);
                yield years >= 0 && years >= (item.minYears() == null ? 0 : item.minYears());
            }
        };
    }

    public LevelEvaluation evaluate(Level level, EmployeeState state, LocalDate on) {
        List<GroupResult> groups = level.requirements().stream().map(group -> evaluate(group, state, on)).toList();
        return new LevelEvaluation(level, Readiness.percent(groups), groups);
    }

    GroupResult evaluate(RequirementGroup group, EmployeeState state, LocalDate on) {
        List<ItemResult> items = group.items().stream().map(item -> evaluate(item, state, on)).toList();
        int required = effectiveRequired(group);
        int metCount = (int) items.stream().filter(ItemResult::met).count();
        return new GroupResult(group.id(), group.description(), group.kind(), required, metCount,
                metCount >= required, items);
    }

    /** ALL_OF means every item whatever {@code required} says; ANY_OF means one; N_OF_M trusts the catalog. */
    static int effectiveRequired(RequirementGroup group) {
        if (group.kind() == GroupKind.ALL_OF) {
            return Math.max(1, group.items().size());
        }
        if (group.kind() == GroupKind.ANY_OF) {
            return 1;
        }
        return Math.max(1, group.required());
    }

    ItemResult evaluate(Requirement item, EmployeeState state, LocalDate on) {
        return switch (item.type()) {
            case CERTIFICATION -> certification(item, state, on);
            case SKILL -> skill(item, state);
            case EXPERIENCE -> experience(item, state, on);
        };
    }

    private ItemResult certification(Requirement item, EmployeeState state, LocalDate on) {
        String name = certificationNames.getOrDefault(item.ref(), item.ref());
        List<HeldCertification> held = state.certifications().stream()
                .filter(c -> c.certificationId().equals(item.ref())).toList();
        Optional<HeldCertification> valid = held.stream().filter(c -> c.validOn(on))
                .max(Comparator.comparing(HeldCertification::issuedOn));
        if (valid.isPresent()) {
            HeldCertification c = valid.get();
            String detail = "issued " + c.issuedOn()
                    + (c.expiresOn() == null ? ", no expiry" : ", valid until " + c.expiresOn());
            LocalDate lapses = c.lapsesOn();
            boolean expiring = lapses != null && !on.plusDays(EXPIRING_WITHIN_DAYS).isBefore(lapses);
            return new ItemResult(item.type(), item.ref(), name, true, detail,
                    expiring ? ItemResult.Status.EXPIRING : ItemResult.Status.MET, c.issuedOn());
        }
        Optional<HeldCertification> pending = state.pendingCertifications().stream()
                .filter(c -> c.certificationId().equals(item.ref()) && c.validOn(on))
                .max(Comparator.comparing(HeldCertification::issuedOn));
        if (pending.isPresent()) {
            return ItemResult.pending(item.type(), item.ref(), name, "issued " + pending.get().issuedOn()
                    + ", pending verification: a self-declared certification counts once verified");
        }
        if (held.isEmpty()) {
            return new ItemResult(item.type(), item.ref(), name, false, "not recorded yet");
        }
        HeldCertification latest = held.stream().max(Comparator.comparing(HeldCertification::issuedOn)).orElseThrow();
        String detail = latest.issuedOn().isAfter(on) ? "valid from " + latest.issuedOn()
                : latest.revokedOn() != null && !on.isBefore(latest.revokedOn())
                ? "revoked on " + latest.revokedOn()
                : "expired on " + latest.expiresOn();
        return new ItemResult(item.type(), item.ref(), name, false, detail);
    }

    private ItemResult skill(Requirement item, EmployeeState state) {
        String name = skillNames.getOrDefault(item.ref(), item.ref());
        int min = item.minProficiency() == null ? 1 : item.minProficiency();
        Integer level = state.skills().get(item.ref());
        Integer self = state.pendingSkills().get(item.ref());
        if ((level == null || level < min) && self != null && self >= min) {
            return ItemResult.pending(item.type(), item.ref(), name, "self-assessed " + self + " of " + min
                    + " required, pending a manager's or an assessment's: self-assessments do not count on this "
                    + "track" + (level == null ? "" : " (counted proficiency " + level + ")"));
        }
        if (level == null) {
            return new ItemResult(item.type(), item.ref(), name, false,
                    "not assessed yet (proficiency " + min + "+ required)");
        }
        String detail = "proficiency " + level + " of " + min + " required";
        return level >= min ? ItemResult.met(item.type(), item.ref(), name, detail, state.skillsAssessedOn()
                .get(item.ref())) : new ItemResult(item.type(), item.ref(), name, false, detail);
    }

    private ItemResult experience(Requirement item, EmployeeState state, LocalDate on) {
        int min = item.minYears() == null ? 0 : item.minYears();
        String name = min + "+ " + (min == 1 ? "year" : "years") + " of experience";
        if (state.startDate() == null && state.experience().isEmpty()) {
            return new ItemResult(item.type(), item.ref(), name, false, "start date not known");
        }
        int years = ExperiencePeriod.wholeYears(state.allExperience(), on);
        String unit = years + " " + (years == 1 ? "year" : "years");
        String detail = state.experience().isEmpty() ? unit + " since " + state.startDate()
                : unit + " (" + (state.startDate() == null ? "" : "since " + state.startDate() + " plus ")
                + state.experience().size() + " recorded period(s), overlaps counted once)";
        return years >= min
                ? ItemResult.met(item.type(), item.ref(), name, detail, reached(state.allExperience(), min, on))
                : new ItemResult(item.type(), item.ref(), name, false, detail);
    }

    /** The first day with {@code min} whole years of experience (years only grow with the date: binary search). */
    static LocalDate reached(List<ExperiencePeriod> periods, int min, LocalDate on) {
        long low = periods.stream().map(ExperiencePeriod::startedOn).min(LocalDate::compareTo).orElse(on)
                .toEpochDay();
        long high = on.toEpochDay();
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (ExperiencePeriod.wholeYears(periods, LocalDate.ofEpochDay(mid)) >= min) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return LocalDate.ofEpochDay(high);
    }

    /** Whole years since the start date; a future start date counts as zero. */
    static int yearsOfExperience(LocalDate startDate, LocalDate on) {
        return on.isBefore(startDate) ? 0 : Period.between(startDate, on).getYears();
    }
}
