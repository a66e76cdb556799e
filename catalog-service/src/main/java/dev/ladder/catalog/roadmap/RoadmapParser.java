package dev.ladder.catalog.roadmap;

import dev.ladder.catalog.roadmap.MarkdownOutline.Section;
import dev.ladder.catalog.roadmap.Roadmap.Certification;
import dev.ladder.catalog.roadmap.Roadmap.Level;
import dev.ladder.catalog.roadmap.Roadmap.PathwayStep;
import dev.ladder.catalog.roadmap.Roadmap.SalaryBand;
import dev.ladder.catalog.roadmap.Roadmap.Skill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a career roadmap written in the shape of {@code roadmaps/ai-ml-security-specialist.md}: an H1 naming the
 * track, one H2 per level ("Entry Level Positions (0-2 years)") with H3 sub-sections for job titles,
 * responsibilities, required skills, salary range and KPIs, and a "Certification Pathway" H2 with one H3 per year
 * bucket. Anything the catalog depends on but cannot read is a {@link RoadmapFormatException}, never a silent gap.
 */
public final class RoadmapParser {

    private static final Pattern LEVEL_HEADING =
            Pattern.compile("^(?<name>.+?)\\s+Positions\\s*\\((?<min>\\d+)\\s*(?:[-–]\\s*(?<max>\\d+)|(?<open>\\+))\\s*years?\\)$",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern SALARY = Pattern.compile(
            "^(?<region>[^:]+?)\\s*:\\s*(?<cur>[$€£])\\s*(?<min>\\d[\\d,]*)"
                    + "(?:\\s*(?<minOpen>\\+)|\\s*[-–]\\s*(?<cur2>[$€£])?\\s*(?<max>\\d[\\d,]*)\\s*(?<maxOpen>\\+)?)\\s*$");
    private static final Pattern PATHWAY_BUCKET =
            Pattern.compile("^Years?\\s+(?<from>\\d+)\\s*(?:[-–]\\s*(?<to>\\d+)|(?<open>\\+))$", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> CURRENCIES = Map.of("$", "USD", "€", "EUR", "£", "GBP");
    private static final String TITLE_SUFFIX = " Career Roadmap";

    private RoadmapParser() {
    }

    public static Roadmap parse(String trackId, String markdown) {
        if (trackId == null || !trackId.equals(Slugs.slug(trackId))) {
            throw new RoadmapFormatException("track id must be a slug: '" + trackId + "'");
        }
        MarkdownOutline outline = MarkdownOutline.parse(markdown);
        Section title = outline.title()
                .orElseThrow(() -> new RoadmapFormatException("missing '# <track name>' heading"));
        String name = stripSuffix(title.title(), TITLE_SUFFIX);
        String summary = title.paragraphs().isEmpty() ? null : String.join(" ", title.paragraphs());

        List<Level> levels = new ArrayList<>();
        for (Section section : title.children()) {
            Matcher heading = LEVEL_HEADING.matcher(section.title());
            if (heading.matches()) {
                levels.add(level(section, heading, levels.size() + 1));
            }
        }
        if (levels.isEmpty()) {
            throw new RoadmapFormatException("no level sections ('## <Level> Positions (<from>-<to> years)')");
        }
        List<PathwayStep> pathway = title.child("Certification Pathway").map(RoadmapParser::pathway)
                .orElse(List.of());
        return new Roadmap(trackId, name, summary, levels, pathway);
    }

    private static Level level(Section section, Matcher heading, int rank) {
        // "Entry Level" / "Mid-Level" / "Senior-Level" / "Executive" → entry / mid / senior / executive
        String name = heading.group("name").strip();
        String id = stripSuffix(Slugs.slug(name), "-level");
        int minYears = Integer.parseInt(heading.group("min"));
        Integer maxYears = heading.group("max") == null ? null : Integer.valueOf(heading.group("max"));
        if (maxYears != null && maxYears < minYears) {
            throw new RoadmapFormatException(section.title() + ": years range is reversed");
        }
        List<Skill> skills = required(section, "Required Skills").stream()
                .map(skill -> new Skill(Slugs.slug(skill), skill)).toList();
        List<SalaryBand> salaries = optional(section, "Salary Range").stream().map(RoadmapParser::salary).toList();
        return new Level(id, rank, name, minYears, maxYears, required(section, "Job Titles"),
                required(section, "Responsibilities"), distinctById(skills, section), salaries,
                optional(section, "Key Performance Indicators"));
    }

    private static List<Skill> distinctById(List<Skill> skills, Section section) {
        Map<String, Skill> byId = new LinkedHashMap<>();
        for (Skill skill : skills) {
            if (skill.id().isEmpty() || byId.putIfAbsent(skill.id(), skill) != null) {
                throw new RoadmapFormatException(section.title() + ": skill '" + skill.name()
                        + "' is empty or duplicates another skill's id '" + skill.id() + "'");
            }
        }
        return List.copyOf(byId.values());
    }

    static SalaryBand salary(String line) {
        Matcher m = SALARY.matcher(plain(line));
        if (!m.matches()) {
            throw new RoadmapFormatException("salary line not understood: '" + line
                    + "' (expected 'Region: $70,000 - $90,000' or '$180,000 - $300,000+')");
        }
        String currency = CURRENCIES.get(m.group("cur"));
        if (m.group("cur2") != null && !CURRENCIES.get(m.group("cur2")).equals(currency)) {
            throw new RoadmapFormatException("salary line mixes currencies: '" + line + "'");
        }
        long min = amount(m.group("min"), line);
        // "300,000+" states no upper bound: the band is open, whatever number precedes the '+'
        Long max = m.group("max") == null || m.group("maxOpen") != null ? null : amount(m.group("max"), line);
        if (max != null && max < min) {
            throw new RoadmapFormatException("salary range is reversed: '" + line + "'");
        }
        String regionName = m.group("region").strip();
        return new SalaryBand(Slugs.slug(regionName), regionName, currency, min, max);
    }

    private static long amount(String digits, String line) {
        if (!digits.matches("\\d{1,3}(,\\d{3})*|\\d+")) {
            throw new RoadmapFormatException("badly grouped amount '" + digits + "' in '" + line + "'");
        }
        return Long.parseLong(digits.replace(",", ""));
    }

    private static List<PathwayStep> pathway(Section section) {
        List<PathwayStep> steps = new ArrayList<>();
        for (Section bucket : section.children()) {
            Matcher m = PATHWAY_BUCKET.matcher(bucket.title());
            if (!m.matches()) {
                throw new RoadmapFormatException("Certification Pathway: bucket '" + bucket.title()
                        + "' is not 'Year <from>-<to>' or 'Year <from>+'");
            }
            List<Certification> certifications = bucket.itemTexts().stream().map(RoadmapParser::plain)
                    .map(name -> new Certification(CertificationIds.idFor(name), name)).toList();
            steps.add(new PathwayStep(Integer.parseInt(m.group("from")),
                    m.group("to") == null ? null : Integer.valueOf(m.group("to")), certifications));
        }
        long distinct = steps.stream().flatMap(s -> s.certifications().stream()).map(Certification::id).distinct()
                .count();
        if (distinct != steps.stream().mapToLong(s -> s.certifications().size()).sum()) {
            throw new RoadmapFormatException("Certification Pathway: two certifications share an id");
        }
        return steps;
    }

    private static List<String> required(Section level, String title) {
        List<String> items = optional(level, title);
        if (items.isEmpty()) {
            throw new RoadmapFormatException(level.title() + ": missing or empty '### " + title + "'");
        }
        return items;
    }

    private static List<String> optional(Section level, String title) {
        return level.child(title).map(s -> s.itemTexts().stream().map(RoadmapParser::plain).toList())
                .orElse(List.of());
    }

    /** Drops inline emphasis markers; the catalog stores plain text. */
    private static String plain(String text) {
        return text.replace("**", "").replace("__", "").strip();
    }

    private static String stripSuffix(String text, String suffix) {
        return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }
}
