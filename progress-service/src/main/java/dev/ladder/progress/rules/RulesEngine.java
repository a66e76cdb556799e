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

    private final Map<String, String> certificationNames;
    private final Map<String, String> skillNames;

    public RulesEngine(CatalogVersionPublished catalog) {
        this.certificationNames = catalog.certifications().stream()
                .collect(Collectors.toMap(CatalogVersionPublished.Certification::id,
                        CatalogVersionPublished.Certification::name, (a, b) -> a));
        this.skillNames = catalog.skills().stream()
                .collect(Collectors.toMap(CatalogVersionPublished.Skill::id, CatalogVersionPublished.Skill::name,
                        (a, b) -> a));
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
            return new ItemResult(item.type(), item.ref(), name, true, detail);
        }
        if (held.isEmpty()) {
            return new ItemResult(item.type(), item.ref(), name, false, "not recorded yet");
        }
        HeldCertification latest = held.stream().max(Comparator.comparing(HeldCertification::issuedOn)).orElseThrow();
        String detail = latest.issuedOn().isAfter(on)
                ? "valid from " + latest.issuedOn()
                : "expired on " + latest.expiresOn();
        return new ItemResult(item.type(), item.ref(), name, false, detail);
    }

    private ItemResult skill(Requirement item, EmployeeState state) {
        String name = skillNames.getOrDefault(item.ref(), item.ref());
        int min = item.minProficiency() == null ? 1 : item.minProficiency();
        Integer level = state.skills().get(item.ref());
        if (level == null) {
            return new ItemResult(item.type(), item.ref(), name, false,
                    "not assessed yet (proficiency " + min + "+ required)");
        }
        boolean met = level >= min;
        return new ItemResult(item.type(), item.ref(), name, met,
                "proficiency " + level + " of " + min + " required");
    }

    private ItemResult experience(Requirement item, EmployeeState state, LocalDate on) {
        int min = item.minYears() == null ? 0 : item.minYears();
        String name = min + "+ " + (min == 1 ? "year" : "years") + " of experience";
        if (state.startDate() == null) {
            return new ItemResult(item.type(), item.ref(), name, false, "start date not known");
        }
        int years = yearsOfExperience(state.startDate(), on);
        return new ItemResult(item.type(), item.ref(), name, years >= min,
                years + " " + (years == 1 ? "year" : "years") + " since " + state.startDate());
    }

    /** Whole years since the start date; a future start date counts as zero. */
    static int yearsOfExperience(LocalDate startDate, LocalDate on) {
        return on.isBefore(startDate) ? 0 : Period.between(startDate, on).getYears();
    }
}
