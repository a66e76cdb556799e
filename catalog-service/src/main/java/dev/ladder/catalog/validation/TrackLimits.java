package dev.ladder.catalog.validation;

import dev.ladder.catalog.roadmap.DescriptiveSection;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackContent.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.kit.web.FieldProblem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How large a track may be: every list and every text of the draft has a maximum, checked before anything else
 * about the document, whichever door it came in by (the draft PUT, the JSON import, the Markdown import — which
 * builds the same document without any request binding — validation, the release preview, publishing). Beyond a
 * limit the answer is a 422 listing each list or text that is too long by its JSON path, and nothing is stored.
 *
 * <p>The limits are far above a real track (the seed roadmap: 4 levels, 12 certifications, 23 skills, 3 salary
 * regions, at most 3 requirement groups of 6 items, 103 headings, 335 list items, no line over 400 characters)
 * and they match progress-service's limits on the published event ({@code impact.DraftLimits}: 20 levels, 200
 * certifications, 200 skills, 50 salary regions, 20 groups of 400 items), so every draft the catalog accepts can
 * be previewed there. They bound what every reader of a track lists (levels, skills, certifications): those lists
 * are answered whole, not paged.
 */
public final class TrackLimits {

    /** A career ladder, not a list: Entry to Executive is 4. */
    public static final int LEVELS = 20;
    public static final int CERTIFICATIONS = 200;
    /** Skills of one level, and distinct skills of the whole track (the published event lists them once). */
    public static final int SKILLS = 200;
    /** Salary bands of one level, and distinct regions of the whole track. */
    public static final int SALARY_REGIONS = 50;
    /** Requirement groups of one level. */
    public static final int GROUPS = 20;
    /** Items of one requirement group: every certification and every skill of the track. */
    public static final int ITEMS = CERTIFICATIONS + SKILLS;
    /** Job titles, responsibilities and KPIs of one level, each. */
    public static final int LINES = 100;
    /** Sections in one list (top level, or the children of one section). */
    public static final int SECTIONS = 100;
    /** Markdown has six heading levels. */
    public static final int SECTION_DEPTH = 6;
    /** Paragraphs (before or after the list) of one section. */
    public static final int PARAGRAPHS = 200;
    /** Items in one list of a section (or nested under one item). */
    public static final int SECTION_ITEMS = 1_000;
    public static final int ITEM_DEPTH = 10;

    /** Ids and references: slugs, region and currency codes. */
    public static final int ID_LENGTH = 100;
    /** Names: track, level, skill, certification, region; a requirement group's description; a heading. */
    public static final int NAME_LENGTH = 300;
    /** A job title, responsibility or KPI. */
    public static final int LINE_LENGTH = 2_000;
    /** The summary, a paragraph, a list item's text. */
    public static final int TEXT_LENGTH = 10_000;
    /** "1-2", "7+". */
    public static final int PATHWAY_YEARS_LENGTH = 20;

    /** A document over every limit at once still gets a short answer. */
    static final int MAX_PROBLEMS = 100;

    private TrackLimits() {
    }

    /** The limits {@code track} exceeds, each with its path; empty when it is within all of them. */
    public static List<FieldProblem> problems(TrackContent track) {
        Problems problems = new Problems();
        problems.text(track.id(), "id", ID_LENGTH);
        problems.text(track.name(), "name", NAME_LENGTH);
        problems.text(track.summary(), "summary", TEXT_LENGTH);
        problems.count(track.levels(), "levels", LEVELS, "levels");
        problems.count(track.certifications(), "certifications", CERTIFICATIONS, "certifications");
        for (int i = 0; i < Math.min(track.certifications().size(), CERTIFICATIONS); i++) {
            TrackContent.Certification c = track.certifications().get(i);
            String path = "certifications[" + i + "]";
            problems.text(c.id(), path + ".id", ID_LENGTH);
            problems.text(c.name(), path + ".name", NAME_LENGTH);
            problems.text(c.pathwayYears(), path + ".pathwayYears", PATHWAY_YEARS_LENGTH);
        }
        Set<String> skills = new HashSet<>();
        Set<String> regions = new HashSet<>();
        for (int i = 0; i < Math.min(track.levels().size(), LEVELS); i++) {
            level(track.levels().get(i), "levels[" + i + "]", skills, regions, problems);
        }
        sections(track.sections(), "sections", 1, problems);
        return problems.list;
    }

    private static void level(Level level, String path, Set<String> skills, Set<String> regions, Problems problems) {
        problems.text(level.id(), path + ".id", ID_LENGTH);
        problems.text(level.name(), path + ".name", NAME_LENGTH);
        lines(level.jobTitles(), path + ".jobTitles", problems);
        lines(level.responsibilities(), path + ".responsibilities", problems);
        lines(level.kpis(), path + ".kpis", problems);
        problems.count(level.skills(), path + ".skills", SKILLS, "skills");
        for (int s = 0; s < Math.min(level.skills().size(), SKILLS); s++) {
            TrackContent.Skill skill = level.skills().get(s);
            String at = path + ".skills[" + s + "]";
            problems.text(skill.id(), at + ".id", ID_LENGTH);
            problems.text(skill.name(), at + ".name", NAME_LENGTH);
            if (skill.id() != null && skills.add(skill.id()) && skills.size() == SKILLS + 1) {
                problems.add(at + ".id", "a track has at most " + SKILLS + " different skills");
            }
        }
        problems.count(level.salaryBands(), path + ".salaryBands", SALARY_REGIONS, "salary bands");
        for (int b = 0; b < Math.min(level.salaryBands().size(), SALARY_REGIONS); b++) {
            TrackContent.SalaryBand band = level.salaryBands().get(b);
            String at = path + ".salaryBands[" + b + "]";
            problems.text(band.region(), at + ".region", ID_LENGTH);
            problems.text(band.regionName(), at + ".regionName", NAME_LENGTH);
            problems.text(band.currency(), at + ".currency", ID_LENGTH);
            if (band.region() != null && regions.add(band.region()) && regions.size() == SALARY_REGIONS + 1) {
                problems.add(at + ".region", "a track has at most " + SALARY_REGIONS + " salary regions");
            }
        }
        problems.count(level.requirements(), path + ".requirements", GROUPS, "requirement groups");
        for (int g = 0; g < Math.min(level.requirements().size(), GROUPS); g++) {
            RequirementGroup group = level.requirements().get(g);
            String at = path + ".requirements[" + g + "]";
            problems.text(group.id(), at + ".id", ID_LENGTH);
            problems.text(group.description(), at + ".description", NAME_LENGTH);
            problems.count(group.items(), at + ".items", ITEMS, "items");
            for (int r = 0; r < Math.min(group.items().size(), ITEMS); r++) {
                Requirement item = group.items().get(r);
                problems.text(item.ref(), at + ".items[" + r + "].ref", ID_LENGTH);
            }
        }
    }

    private static void lines(List<String> lines, String path, Problems problems) {
        problems.count(lines, path, LINES, "entries");
        for (int i = 0; i < Math.min(lines.size(), LINES); i++) {
            problems.text(lines.get(i), path + "[" + i + "]", LINE_LENGTH);
        }
    }

    private static void sections(List<DescriptiveSection> sections, String path, int depth, Problems problems) {
        if (sections.isEmpty()) {
            return;
        }
        if (depth > SECTION_DEPTH) {
            problems.add(path, "sections nest at most " + SECTION_DEPTH + " deep");
            return;
        }
        problems.count(sections, path, SECTIONS, "sections");
        for (int i = 0; i < Math.min(sections.size(), SECTIONS); i++) {
            DescriptiveSection section = sections.get(i);
            String at = path + "[" + i + "]";
            problems.text(section.heading(), at + ".heading", NAME_LENGTH);
            paragraphs(section.paragraphs(), at + ".paragraphs", problems);
            paragraphs(section.closing(), at + ".closing", problems);
            items(section.items(), at + ".items", 1, problems);
            sections(section.children(), at + ".children", depth + 1, problems);
        }
    }

    private static void paragraphs(List<String> paragraphs, String path, Problems problems) {
        problems.count(paragraphs, path, PARAGRAPHS, "paragraphs");
        for (int i = 0; i < Math.min(paragraphs.size(), PARAGRAPHS); i++) {
            problems.text(paragraphs.get(i), path + "[" + i + "]", TEXT_LENGTH);
        }
    }

    private static void items(List<DescriptiveSection.Item> items, String path, int depth, Problems problems) {
        if (items.isEmpty()) {
            return;
        }
        if (depth > ITEM_DEPTH) {
            problems.add(path, "list items nest at most " + ITEM_DEPTH + " deep");
            return;
        }
        problems.count(items, path, SECTION_ITEMS, "items");
        for (int i = 0; i < Math.min(items.size(), SECTION_ITEMS); i++) {
            DescriptiveSection.Item item = items.get(i);
            problems.text(item.text(), path + "[" + i + "].text", TEXT_LENGTH);
            items(item.items(), path + "[" + i + "].items", depth + 1, problems);
        }
    }

    /** The problems found so far, at most {@link #MAX_PROBLEMS}. */
    private static final class Problems {

        private final List<FieldProblem> list = new ArrayList<>();

        void count(List<?> values, String path, int max, String what) {
            if (values.size() > max) {
                add(path, "at most " + max + " " + what + " (has " + values.size() + ")");
            }
        }

        void text(String value, String path, int max) {
            if (value != null && value.length() > max) {
                add(path, "at most " + max + " characters (has " + value.length() + ")");
            }
        }

        void add(String path, String message) {
            if (list.size() < MAX_PROBLEMS) {
                list.add(new FieldProblem(path, message));
            }
        }
    }
}
