package dev.ladder.catalog.validation;

import dev.ladder.catalog.roadmap.Slugs;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackContent.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
import dev.ladder.kit.web.FieldProblem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything that would make a track unpublishable or meaningless to progress-service, reported all at once with the
 * JSON path of each problem: lists and texts over their limits ({@link TrackLimits}), duplicate ids, unknown
 * references, bad year ranges and salary bands.
 */
public final class TrackValidator {

    private TrackValidator() {
    }

    public static List<FieldProblem> problems(TrackContent track) {
        List<FieldProblem> limits = TrackLimits.problems(track);
        if (!limits.isEmpty()) {
            // a document over its limits is refused for that alone: nothing below runs on unbounded input
            return limits;
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (track.id() == null || track.id().isEmpty() || !track.id().equals(Slugs.slug(track.id()))) {
            problems.add(new FieldProblem("id", "track id must be a slug: '" + track.id() + "'"));
        }
        if (track.name() == null || track.name().isBlank()) {
            problems.add(new FieldProblem("name", "a track needs a name"));
        }
        if (track.levels().isEmpty()) {
            problems.add(new FieldProblem("levels", "a track needs at least one level"));
        }
        Set<String> certifications = new HashSet<>();
        for (int i = 0; i < track.certifications().size(); i++) {
            TrackContent.Certification c = track.certifications().get(i);
            String path = "certifications[" + i + "]";
            id(c.id(), path + ".id", "certification", certifications, problems);
            named(c.name(), path + ".name", problems);
            if (c.pathwayYears() == null || !c.pathwayYears().matches("\\d+(-\\d+|\\+)")) {
                problems.add(new FieldProblem(path + ".pathwayYears", "expected '<from>-<to>' or '<from>+', was '"
                        + c.pathwayYears() + "'"));
            } else if (c.pathwayYears().contains("-")) {
                String[] years = c.pathwayYears().split("-");
                if (Integer.parseInt(years[1]) < Integer.parseInt(years[0])) {
                    problems.add(new FieldProblem(path + ".pathwayYears", "years range is inverted"));
                }
            }
            if (c.renewalMonths() != null && c.renewalMonths() <= 0) {
                problems.add(new FieldProblem(path + ".renewalMonths", "must be positive or null (never expires)"));
            }
        }
        Set<String> levelIds = new HashSet<>();
        Set<String> skills = new HashSet<>();
        java.util.Map<String, String> skillNames = new java.util.HashMap<>();
        Set<Integer> ranks = new HashSet<>();
        for (int i = 0; i < track.levels().size(); i++) {
            Level level = track.levels().get(i);
            String path = "levels[" + i + "]";
            id(level.id(), path + ".id", "level", levelIds, problems);
            named(level.name(), path + ".name", problems);
            if (!ranks.add(level.rank()) || level.rank() < 1) {
                problems.add(new FieldProblem(path + ".rank", "rank " + level.rank() + " is below 1 or repeated"));
            }
            if (level.minYears() < 0 || (level.maxYears() != null && level.maxYears() < level.minYears())) {
                problems.add(new FieldProblem(path + ".maxYears", "years range " + level.minYears() + "-"
                        + level.maxYears() + " is inverted or negative"));
            }
            Set<String> levelSkills = new HashSet<>();
            for (int s = 0; s < level.skills().size(); s++) {
                // a skill may appear on several levels, but only once per level and always meaning the same
                TrackContent.Skill skill = level.skills().get(s);
                id(skill.id(), path + ".skills[" + s + "].id", "skill", levelSkills, problems);
                named(skill.name(), path + ".skills[" + s + "].name", problems);
                String earlier = skill.id() == null ? null : skillNames.putIfAbsent(skill.id(), skill.name());
                if (earlier != null && !earlier.equals(skill.name())) {
                    problems.add(new FieldProblem(path + ".skills[" + s + "].name", "skill id '" + skill.id()
                            + "' is already used for '" + earlier + "'"));
                }
            }
            skills.addAll(levelSkills);
            salaries(level, path, problems);
        }
        overlaps(track.levels(), problems);
        for (int i = 0; i < track.levels().size(); i++) {
            requirements(track.levels().get(i), "levels[" + i + "]", skills, certifications, problems);
        }
        return problems;
    }

    private static void id(String id, String path, String what, Set<String> seen, List<FieldProblem> problems) {
        if (id == null || id.isEmpty() || !id.equals(Slugs.slug(id))) {
            problems.add(new FieldProblem(path, what + " id must be a slug: '" + id + "'"));
        } else if (!seen.add(id)) {
            problems.add(new FieldProblem(path, "duplicate " + what + " id '" + id + "'"));
        }
    }

    private static void named(String name, String path, List<FieldProblem> problems) {
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem(path, "must not be blank"));
        }
    }

    private static void salaries(Level level, String path, List<FieldProblem> problems) {
        Set<String> regions = new HashSet<>();
        for (int b = 0; b < level.salaryBands().size(); b++) {
            TrackContent.SalaryBand band = level.salaryBands().get(b);
            String at = path + ".salaryBands[" + b + "]";
            if (band.region() == null || !regions.add(band.region())) {
                problems.add(new FieldProblem(at + ".region", "missing or duplicate region '" + band.region() + "'"));
            }
            if (!isoCurrency(band.currency())) {
                problems.add(new FieldProblem(at + ".currency", "unknown currency '" + band.currency()
                        + "' (ISO 4217 code expected)"));
            }
            if (band.min() < 0) {
                problems.add(new FieldProblem(at + ".min", "must not be negative"));
            }
            if (band.max() != null && band.min() > band.max()) {
                problems.add(new FieldProblem(at + ".min", "min " + band.min() + " is above max " + band.max()));
            }
        }
    }

    private static boolean isoCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        return Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(code));
    }

    /** Experience ranges may touch (the seed's "6-10" and "10+") but not overlap further. */
    private static void overlaps(List<Level> levels, List<FieldProblem> problems) {
        List<Level> byRank = levels.stream().sorted(Comparator.comparingInt(Level::rank)).toList();
        for (int i = 1; i < byRank.size(); i++) {
            Level previous = byRank.get(i - 1);
            Level level = byRank.get(i);
            if (previous.maxYears() == null || level.minYears() < previous.maxYears()
                    || level.minYears() < previous.minYears()) {
                problems.add(new FieldProblem("levels[" + levels.indexOf(level) + "].minYears", "years "
                        + level.minYears() + "+ of '" + level.id() + "' overlap '" + previous.id() + "' ("
                        + previous.minYears() + "-" + (previous.maxYears() == null ? "" : previous.maxYears()) + ")"));
            }
        }
    }

    private static void requirements(Level level, String path, Set<String> skills, Set<String> certifications,
                                     List<FieldProblem> problems) {
        Set<String> groupIds = new HashSet<>();
        for (int g = 0; g < level.requirements().size(); g++) {
            RequirementGroup group = level.requirements().get(g);
            String at = path + ".requirements[" + g + "]";
            if (!groupIds.add(group.id())) {
                problems.add(new FieldProblem(at + ".id", "duplicate requirement group id '" + group.id() + "'"));
            }
            if (group.kind() == GroupKind.ALL_OF && group.required() != group.items().size()) {
                problems.add(new FieldProblem(at + ".required", "ALL_OF requires every item ("
                        + group.items().size() + ")"));
            }
            for (int r = 0; r < group.items().size(); r++) {
                Requirement item = group.items().get(r);
                String itemPath = at + ".items[" + r + "]";
                if (item.type() == RequirementType.SKILL && !skills.contains(item.ref())) {
                    problems.add(new FieldProblem(itemPath + ".ref", "unknown skill '" + item.ref() + "'"));
                } else if (item.type() == RequirementType.CERTIFICATION && !certifications.contains(item.ref())) {
                    problems.add(new FieldProblem(itemPath + ".ref", "unknown certification '" + item.ref() + "'"));
                } else if (item.type() == RequirementType.EXPERIENCE
                        && (item.minYears() == null || item.minYears() < 0)) {
                    problems.add(new FieldProblem(itemPath + ".minYears", "experience needs minYears >= 0"));
                }
            }
        }
    }
}
