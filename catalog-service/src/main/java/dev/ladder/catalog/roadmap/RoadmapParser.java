package dev.ladder.catalog.roadmap;

import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
import dev.ladder.contracts.catalog.CatalogVersionPublished.VerificationPolicy;

import dev.ladder.catalog.roadmap.Roadmap.Certification;
import dev.ladder.catalog.roadmap.Roadmap.Level;
import dev.ladder.catalog.roadmap.Roadmap.PathwayStep;
import dev.ladder.catalog.roadmap.Roadmap.SalaryBand;
import dev.ladder.catalog.roadmap.Roadmap.Skill;
import dev.ladder.catalog.roadmap.RoadmapFormatException.Problem;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a career roadmap written in the shape of {@code roadmaps/ai-ml-security-specialist.md}: an H1 naming the
 * track, one H2 per level ("Entry Level Positions (0-2 years)") with H3 sub-sections for job titles,
 * responsibilities, required skills, salary range and KPIs, a "Certification Pathway" H2 with one H3 per year
 * bucket, and any number of other H2 sections kept as generic {@link DescriptiveSection}s. Every problem found is
 * collected with its line and reported together in one {@link RoadmapFormatException}, never a silent gap.
 */
public final class RoadmapParser {

    static final String PATHWAY = "Certification Pathway";
    static final String REQUIREMENTS = "Requirements";
    static final String NO_REQUIREMENTS = "None";
    static final List<String> LEVEL_PARTS = List.of("Job Titles", "Responsibilities", "Required Skills",
            "Salary Range", "Key Performance Indicators", REQUIREMENTS);
    /** The track's expiry policy when it demotes (the default keeps reached levels); a paragraph under the title. */
    static final String DEMOTE_ON_EXPIRY = "Expiry policy: a reached level is lost when a requirement it needs "
            + "expires.";
    static final String RENEWAL_DASH = " — ";
    static final String NO_RENEWAL = "does not expire";
    /*
     * Every pattern below reads one line of an uploaded document, so each must run in time linear in the line's
     * length (a crafted line of 100,000 spaces must not cost seconds). Where a lazy name is followed by whitespace,
     * "(?<!\\s)" lets that whitespace start only where a run of it begins: without it every position inside a long
     * run of spaces re-scans the rest of the run (quadratic). "++" / "*+" (possessive) never give characters back:
     * used where what follows cannot match them anyway, so no match is lost and no split of a run is retried.
     * Numbers are bounded ({1,9}) or checked where they are read, so a run of digits is a problem, not a crash.
     * REQUIREMENT, PATHWAY_BUCKET and VERIFICATION needed no change: they are anchored and each repeated run is
     * followed by something it cannot contain, so a line that fails is given up in linear time (HostileInputTest).
     * The others are package-private for LinearPatternsTest, which checks them against the patterns they replaced.
     */
    static final Pattern RENEWAL = Pattern.compile("^(?<name>.*?)(?<!\\s)\\s++[—–-]\\s++"
            + "(?:renews every (?<months>\\d{1,4}) months?|(?<never>does not expire))$");
    /** "All of {#mid-skills}: …", "Any of", "Any 2 of", "2 of 3" (N of M). */
    static final Pattern GROUP = Pattern.compile("^(?:(?<all>All of)|Any of|Any (?<any>\\d{1,9}) of|"
            + "(?<n>\\d{1,9}) of (?<m>\\d{1,9}))(?:\\s*+\\{#(?<id>[^\\s{}]++)})?(?::\\s?(?<description>.*))?$",
            Pattern.CASE_INSENSITIVE);
    /** "Certification `cissp`", "Skill `python` at proficiency 3 or higher", "Experience of at least 3 years". */
    private static final Pattern REQUIREMENT = Pattern.compile("^(?<type>Certification|Skill|Experience)"
            + "(?:\\s+`(?<ref>[^`]*)`)?(?:\\s+at proficiency (?<proficiency>-?\\d{1,9}) or higher)?"
            + "(?:\\s+of at least (?<years>-?\\d{1,9}) years?)?$", Pattern.CASE_INSENSITIVE);

    static final Pattern LEVEL_HEADING =
            Pattern.compile("^(?<name>.+?)(?<!\\s)\\s++Positions\\s*+\\((?<min>\\d++)\\s*+(?:[-–]\\s*+(?<max>\\d++)"
                    + "|(?<open>\\+))\\s*+years?\\)(?<attrs>\\s*+\\{[^{}]*+})?$", Pattern.CASE_INSENSITIVE);
    /* A currency and the whitespace after it are separate (two adjacent "\\s*" would try every split of a run). */
    private static final String CUR = "(?:[$€£]|[A-Z]{3})";
    /* The region is everything before the first ':' (its trailing spaces are stripped where it is read). */
    static final Pattern SALARY = Pattern.compile(
            "^(?<region>[^:]++):\\s*+(?<cur>" + CUR + ")\\s*+(?<min>\\d[\\d,]*+)"
                    + "(?:\\s*+(?<minOpen>\\+)|\\s*+[-–]\\s*+(?:(?<cur2>" + CUR + ")\\s*+)?(?<max>\\d[\\d,]*+)"
                    + "\\s*+(?<maxOpen>\\+)?)\\s*+$");
    private static final Pattern PATHWAY_BUCKET =
            Pattern.compile("^Years?\\s+(?<from>\\d+)\\s*(?:[-–]\\s*(?<to>\\d+)|(?<open>\\+))$", Pattern.CASE_INSENSITIVE);
    static final Map<String, String> SYMBOLS = Map.of("$", "USD", "€", "EUR", "£", "GBP");
    static final String TITLE_SUFFIX = " Career Roadmap";
    /** The track's verification policy, a paragraph under the title (see {@link RoadmapMarkdown}). */
    static final Pattern VERIFICATION = Pattern.compile("^Verification policy: unverified certifications"
            + "(?<certifications> do not)? count; self-assessed skills(?<skills> do not)? count\\.$");

    private final List<Problem> problems = new ArrayList<>();

    private RoadmapParser() {
    }

    public static Roadmap parse(String trackId, String markdown) {
        RoadmapParser parser = new RoadmapParser();
        Roadmap roadmap = parser.read(trackId, markdown);
        if (!parser.problems.isEmpty()) {
            throw new RoadmapFormatException(parser.problems);
        }
        return roadmap;
    }

    /** The track name a document declares (its H1 without " Career Roadmap"), for choosing an id before parsing. */
    public static String title(String markdown) {
        return MarkdownOutline.parse(markdown).title().map(t -> stripSuffix(t.title(), TITLE_SUFFIX))
                .orElseThrow(() -> new RoadmapFormatException("missing '# <track name>' heading"));
    }

    private Roadmap read(String trackId, String markdown) {
        if (trackId == null || trackId.isEmpty() || !trackId.equals(Slugs.slug(trackId))) {
            throw new RoadmapFormatException("track id must be a slug: '" + trackId + "'");
        }
        MarkdownOutline outline = MarkdownOutline.parse(markdown);
        MarkdownOutline.Section title = outline.title()
                .orElseThrow(() -> new RoadmapFormatException("missing '# <track name>' heading"));
        String name = stripSuffix(title.title(), TITLE_SUFFIX);
        List<String> paragraphs = new ArrayList<>(title.paragraphs());
        VerificationPolicy verification = VerificationPolicy.DEFAULT;
        for (var it = paragraphs.iterator(); it.hasNext(); ) {
            Matcher policy = VERIFICATION.matcher(it.next().strip());
            if (policy.matches()) {
                verification = new VerificationPolicy(policy.group("certifications") == null,
                        policy.group("skills") == null);
                it.remove();
            }
        }
        boolean demoteOnExpiry = paragraphs.removeIf(p -> p.strip().equals(DEMOTE_ON_EXPIRY));
        String summary = paragraphs.isEmpty() ? null : String.join(" ", paragraphs);
        if (!title.items().isEmpty()) {
            problem(title.items().get(0).line(), "list items directly under the title are not supported");
        }
        List<Level> levels = new ArrayList<>();
        List<PathwayStep> pathway = List.of();
        List<DescriptiveSection> sections = new ArrayList<>();
        int pathwayPosition = -1;
        for (MarkdownOutline.Section section : title.children()) {
            Matcher heading = LEVEL_HEADING.matcher(section.title());
            if (heading.matches()) {
                if (!sections.isEmpty() || pathwayPosition >= 0) {
                    problem(section.line(), "level sections must come first, before '" + PATHWAY
                            + "' and other sections");
                }
                levels.add(level(section, heading, levels.size() + 1));
            } else if (section.title().equalsIgnoreCase(PATHWAY)) {
                if (pathwayPosition >= 0) {
                    problem(section.line(), "a second '## " + PATHWAY + "'");
                }
                pathwayPosition = sections.size();
                pathway = pathway(section);
            } else {
                sections.add(generic(section));
            }
        }
        if (levels.isEmpty()) {
            problem(title.line(), "no level sections ('## <Level> Positions (<from>-<to> years)')");
        }
        distinctLevelIds(levels, title.line());
        return new Roadmap(trackId, name, summary, levels, pathway, sections,
                pathwayPosition < 0 ? sections.size() : pathwayPosition, verification, demoteOnExpiry);
    }

    private Level level(MarkdownOutline.Section section, Matcher heading, int rank) {
        // "Entry Level" / "Mid-Level" / "Senior-Level" / "Executive" → entry / mid / senior / executive
        String name = heading.group("name").strip();
        Attributes attributes = Attributes.of(heading.group("attrs") == null ? "" : heading.group("attrs"));
        String id = attributes.id() != null ? attributes.id() : levelId(name);
        if (heading.group("attrs") != null && attributes.id() == null && attributes.other().isEmpty()) {
            problem(section.line(), section.title() + ": attributes not understood (expected '{#id rank=2}')");
        }
        if (attributes.other().containsKey("rank")) {
            try {
                rank = Integer.parseInt(attributes.other().get("rank"));
            } catch (NumberFormatException e) {
                problem(section.line(), section.title() + ": rank '" + attributes.other().get("rank")
                        + "' is not a number");
            }
        }
        int minYears = years(heading.group("min"), section);
        Integer maxYears = heading.group("max") == null ? null : years(heading.group("max"), section);
        if (maxYears != null && maxYears < minYears) {
            problem(section.line(), section.title() + ": years range is reversed");
        }
        unsupportedText(section);
        for (MarkdownOutline.Section part : section.children()) {
            unsupportedText(part);
            if (LEVEL_PARTS.stream().noneMatch(p -> p.equalsIgnoreCase(part.title()))) {
                problem(part.line(), section.title() + ": unknown sub-section '" + part.title() + "' (expected one of "
                        + LEVEL_PARTS + ")");
            }
        }
        List<Skill> skills = new ArrayList<>();
        Set<String> skillIds = new HashSet<>();
        for (MarkdownOutline.Item item : items(section, "Required Skills", true)) {
            Attributes named = Attributes.of(item.text());
            String skillName = plain(named.text());
            Skill skill = new Skill(named.id() != null ? named.id() : skillId(skillName), skillName);
            if (skill.id().isEmpty() || !skillIds.add(skill.id())) {
                problem(item.line(), section.title() + ": skill '" + skill.name()
                        + "' is empty or duplicates another skill's id '" + skill.id() + "'");
            } else {
                skills.add(skill);
            }
        }
        List<SalaryBand> salaries = new ArrayList<>();
        for (MarkdownOutline.Item item : items(section, "Salary Range", false)) {
            try {
                salaries.add(salary(item.text()));
            } catch (RoadmapFormatException e) {
                problem(item.line(), e.getMessage());
            }
        }
        return new Level(id, rank, name, minYears, maxYears, texts(items(section, "Job Titles", true)),
                texts(items(section, "Responsibilities", true)), skills, salaries,
                texts(items(section, "Key Performance Indicators", false)),
                section.child(REQUIREMENTS).map(part -> requirements(section, part, id)).orElse(null));
    }

    /** What a level name's id is unless the heading says otherwise: "Mid-Level" → mid. */
    static String levelId(String name) {
        return stripSuffix(Slugs.slug(name), "-level");
    }

    /** What a skill name's id is unless the line says otherwise. */
    static String skillId(String name) {
        return Slugs.slug(name);
    }

    /** A level's "### Requirements": one item per group, its requirements as nested items (see RoadmapMarkdown). */
    private List<RequirementGroup> requirements(MarkdownOutline.Section level, MarkdownOutline.Section part,
                                                String levelId) {
        List<MarkdownOutline.Item> items = part.items();
        if (items.size() == 1 && items.get(0).text().equalsIgnoreCase(NO_REQUIREMENTS)
                && items.get(0).details().isEmpty()) {
            return List.of();
        }
        if (items.isEmpty()) {
            problem(part.line(), level.title() + ": '### " + REQUIREMENTS + "' lists nothing (write '- "
                    + NO_REQUIREMENTS + "' for a level without requirements)");
        }
        List<RequirementGroup> groups = new ArrayList<>();
        for (MarkdownOutline.Item item : items) {
            Matcher group = GROUP.matcher(item.text());
            if (!group.matches()) {
                problem(item.line(), level.title() + ": requirement group '" + item.text() + "' not understood "
                        + "(expected 'All of {#id}: description', 'Any of …', 'Any 2 of …' or '2 of 3 …')");
                continue;
            }
            List<Requirement> requirements = new ArrayList<>();
            for (String detail : item.details()) {
                Matcher requirement = REQUIREMENT.matcher(detail);
                if (!requirement.matches()) {
                    problem(item.line(), level.title() + ": requirement '" + detail + "' not understood (expected "
                            + "'Certification `id`', 'Skill `id` at proficiency 3 or higher' or "
                            + "'Experience of at least 3 years')");
                    continue;
                }
                requirements.add(new Requirement(
                        RequirementType.valueOf(requirement.group("type").toUpperCase(Locale.ROOT)),
                        requirement.group("ref"), integer(requirement.group("proficiency")),
                        integer(requirement.group("years"))));
            }
            GroupKind kind = group.group("all") != null ? GroupKind.ALL_OF
                    : group.group("n") != null ? GroupKind.N_OF_M : GroupKind.ANY_OF;
            int required = switch (kind) {
                case ALL_OF -> Math.max(1, requirements.size());
                case ANY_OF -> group.group("any") == null ? 1 : Integer.parseInt(group.group("any"));
                case N_OF_M -> Integer.parseInt(group.group("n"));
            };
            if (kind == GroupKind.N_OF_M && Integer.parseInt(group.group("m")) != requirements.size()) {
                problem(item.line(), level.title() + ": '" + item.text() + "' names " + group.group("m")
                        + " requirements but lists " + requirements.size());
            }
            String id = group.group("id") != null ? group.group("id") : levelId + "-" + (groups.size() + 1);
            try {
                groups.add(new RequirementGroup(id, group.group("description"), kind, required, requirements));
            } catch (IllegalArgumentException e) {
                problem(item.line(), level.title() + ": requirement group '" + item.text() + "': " + e.getMessage());
            }
        }
        return groups;
    }

    /** A number of years from a heading; one too large for an int is a problem (0 stands in), not a crash. */
    private int years(String digits, MarkdownOutline.Section section) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            problem(section.line(), "'" + section.title() + "': the number of years is too large");
            return 0;
        }
    }

    private static Integer integer(String digits) {
        return digits == null ? null : Integer.valueOf(digits);
    }

    /** Typed parts are lists; prose there would have nowhere to go, and nothing may be dropped silently. */
    private void unsupportedText(MarkdownOutline.Section section) {
        List<String> text = new ArrayList<>(section.paragraphs());
        text.addAll(section.closing());
        if (!text.isEmpty()) {
            problem(section.line(), "'" + section.title() + "': text outside a list is not supported here: '"
                    + text.get(0) + "'");
        }
    }

    private void distinctLevelIds(List<Level> levels, int line) {
        Set<String> ids = new HashSet<>();
        for (Level level : levels) {
            if (level.id().isEmpty() || !ids.add(level.id())) {
                problem(line, "level '" + level.name() + "' has an empty or duplicate id '" + level.id() + "'");
            }
        }
    }

    /** Parses one salary line; public for tests and for validating single lines. */
    static SalaryBand salary(String line) {
        Matcher m = SALARY.matcher(plain(line));
        if (!m.matches()) {
            throw new RoadmapFormatException("salary line not understood: '" + line
                    + "' (expected 'Region: $70,000 - $90,000', 'Region: $180,000 - $300,000+' or "
                    + "'Region: CHF 90,000+')");
        }
        String currency = currency(m.group("cur"), line);
        if (m.group("cur2") != null && !currency(m.group("cur2"), line).equals(currency)) {
            throw new RoadmapFormatException("salary line mixes currencies: '" + line + "'");
        }
        long min = amount(m.group("min"), line);
        Long max = m.group("max") == null ? null : amount(m.group("max"), line);
        if (max != null && max < min) {
            throw new RoadmapFormatException("salary range is reversed: '" + line + "'");
        }
        boolean open = max == null || m.group("maxOpen") != null;
        Attributes region = Attributes.of(m.group("region"));
        String regionName = region.text();
        return new SalaryBand(region.id() != null ? region.id() : Slugs.slug(regionName), regionName, currency, min,
                max, open);
    }

    private static String currency(String token, String line) {
        String code = SYMBOLS.getOrDefault(token.strip(), token.strip());
        try {
            Currency.getInstance(code);
            return code;
        } catch (IllegalArgumentException e) {
            throw new RoadmapFormatException("unknown currency '" + code + "' (not ISO 4217) in '" + line + "'");
        }
    }

    private static long amount(String digits, String line) {
        if (!digits.matches("\\d{1,3}(,\\d{3})*|\\d+") || digits.replace(",", "").length() > 15) {
            throw new RoadmapFormatException("badly grouped amount '" + digits + "' in '" + line + "'");
        }
        return Long.parseLong(digits.replace(",", ""));
    }

    private List<PathwayStep> pathway(MarkdownOutline.Section section) {
        List<PathwayStep> steps = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        unsupportedText(section);
        for (MarkdownOutline.Section bucket : section.children()) {
            unsupportedText(bucket);
            Matcher m = PATHWAY_BUCKET.matcher(bucket.title());
            if (!m.matches()) {
                problem(bucket.line(), PATHWAY + ": bucket '" + bucket.title()
                        + "' is not 'Year <from>-<to>' or 'Year <from>+'");
                continue;
            }
            List<Certification> certifications = new ArrayList<>();
            for (MarkdownOutline.Item item : bucket.items()) {
                Certification certification = certification(item.text());
                String name = certification.name();
                if (certification.id().isEmpty() || !ids.add(certification.id())) {
                    problem(item.line(), PATHWAY + ": certification '" + name + "' has an empty or duplicate id '"
                            + certification.id() + "'");
                } else {
                    certifications.add(certification);
                }
            }
            steps.add(new PathwayStep(years(m.group("from"), bucket),
                    m.group("to") == null ? null : years(m.group("to"), bucket), certifications));
        }
        return steps;
    }

    /** "Name {#id} — renews every 36 months" (see RoadmapMarkdown); without a period, the issuer's known one. */
    static Certification certification(String line) {
        Matcher renewal = RENEWAL.matcher(line.strip());
        String text = renewal.matches() ? renewal.group("name") : line;
        Attributes named = Attributes.of(text);
        String name = plain(named.text());
        String id = named.id() != null ? named.id() : CertificationIds.idFor(name);
        if (!renewal.matches()) {
            return new Certification(id, name);
        }
        return new Certification(id, name, renewal.group("never") != null ? null
                : Integer.valueOf(renewal.group("months")));
    }

    private static DescriptiveSection generic(MarkdownOutline.Section section) {
        List<DescriptiveSection.Item> items = section.items().stream()
                .map(i -> new DescriptiveSection.Item(i.text(), i.details().stream().map(DescriptiveSection.Item::of)
                        .toList()))
                .toList();
        return new DescriptiveSection(section.title(), section.ordered(), section.paragraphs(), items,
                section.children().stream().map(RoadmapParser::generic).toList(), section.closing());
    }

    /** A required part must be there; it may be empty (an export writes the heading of an empty one). */
    private List<MarkdownOutline.Item> items(MarkdownOutline.Section level, String title, boolean required) {
        Optional<MarkdownOutline.Section> part = level.child(title);
        if (required && part.isEmpty()) {
            problem(level.line(), level.title() + ": missing '### " + title + "'");
        }
        return part.map(MarkdownOutline.Section::items).orElse(List.of());
    }

    private static List<String> texts(List<MarkdownOutline.Item> items) {
        return items.stream().map(i -> plain(i.text())).toList();
    }

    private void problem(int line, String message) {
        problems.add(new Problem(line, message));
    }

    /** Drops inline emphasis markers; the typed parts of the catalog store plain text. */
    static String plain(String text) {
        return text.replace("**", "").replace("__", "").strip();
    }

    static String stripSuffix(String text, String suffix) {
        return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }
}
