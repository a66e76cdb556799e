package dev.ladder.catalog.roadmap;

import dev.ladder.catalog.roadmap.DescriptiveSection.Item;
import dev.ladder.catalog.roadmap.Roadmap.Certification;
import dev.ladder.catalog.roadmap.Roadmap.Level;
import dev.ladder.catalog.roadmap.Roadmap.PathwayStep;
import dev.ladder.catalog.roadmap.Roadmap.SalaryBand;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.VerificationPolicy;

import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@link Roadmap} in the Markdown shape {@link RoadmapParser} reads, so export → import is lossless: besides
 * what the seed roadmap says, a level's requirement groups ("### Requirements"), certification renewal periods, the
 * track's policies and any id that is not the slug of its name ({@link Attributes}).
 */
public final class RoadmapMarkdown {

    private static final Map<String, String> SYMBOL_OF = RoadmapParser.SYMBOLS.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

    private final StringBuilder out = new StringBuilder();

    private RoadmapMarkdown() {
    }

    public static String write(Roadmap roadmap) {
        RoadmapMarkdown writer = new RoadmapMarkdown();
        writer.document(roadmap);
        return writer.out.toString();
    }

    private void document(Roadmap roadmap) {
        heading(1, roadmap.name() + RoadmapParser.TITLE_SUFFIX);
        if (roadmap.summary() != null && !roadmap.summary().isBlank()) {
            paragraph(roadmap.summary());
        }
        if (!roadmap.verification().equals(VerificationPolicy.DEFAULT)) {
            paragraph(verification(roadmap.verification()));
        }
        if (roadmap.demoteOnExpiry()) {
            paragraph(RoadmapParser.DEMOTE_ON_EXPIRY);
        }
        for (int i = 0; i < roadmap.levels().size(); i++) {
            level(roadmap.levels().get(i), i + 1);
        }
        for (int i = 0; i <= roadmap.sections().size(); i++) {
            if (i == roadmap.pathwayPosition() && !roadmap.pathway().isEmpty()) {
                pathway(roadmap.pathway());
            }
            if (i < roadmap.sections().size()) {
                section(2, roadmap.sections().get(i));
            }
        }
    }

    private void level(Level level, int position) {
        String years = level.maxYears() == null ? level.minYears() + "+" : level.minYears() + "-" + level.maxYears();
        Map<String, String> rank = new LinkedHashMap<>();
        rank.put("rank", level.rank() == position ? null : String.valueOf(level.rank()));
        heading(2, level.name() + " Positions (" + years + " years)"
                + Attributes.suffix(level.id(), RoadmapParser.levelId(level.name()), rank));
        // the parts a level must have are written even when empty, so the document says they are empty
        list(3, "Job Titles", level.jobTitles(), true);
        list(3, "Responsibilities", level.responsibilities(), true);
        list(3, "Required Skills", level.skills().stream()
                .map(s -> s.name() + Attributes.suffix(s.id(), RoadmapParser.skillId(s.name()))).toList(), true);
        list(3, "Salary Range", level.salaryBands().stream().map(RoadmapMarkdown::salary).toList(), false);
        list(3, "Key Performance Indicators", level.kpis(), false);
        if (level.requirements() != null) {
            requirements(level.requirements());
        }
    }

    /**
     * One item per group ("All of {#mid-skills}: description") with one nested item per requirement ("Skill
     * `python` at proficiency 3 or higher"); "None" for a level without requirements.
     */
    private void requirements(List<RequirementGroup> groups) {
        heading(3, RoadmapParser.REQUIREMENTS, false);
        if (groups.isEmpty()) {
            out.append("- ").append(RoadmapParser.NO_REQUIREMENTS).append("\n\n");
            return;
        }
        for (RequirementGroup group : groups) {
            out.append("- ").append(quantifier(group)).append(" {#").append(group.id()).append('}');
            if (group.description() != null) {
                out.append(": ").append(group.description());
            }
            out.append('\n');
            for (Requirement item : group.items()) {
                out.append("  - ").append(requirement(item)).append('\n');
            }
        }
        out.append('\n');
    }

    private static String quantifier(RequirementGroup group) {
        return switch (group.kind()) {
            case ALL_OF -> "All of";
            case ANY_OF -> group.required() == 1 ? "Any of" : "Any " + group.required() + " of";
            case N_OF_M -> group.required() + " of " + group.items().size();
        };
    }

    static String requirement(Requirement item) {
        String type = item.type().name();
        StringBuilder text = new StringBuilder(type.charAt(0) + type.substring(1).toLowerCase(Locale.ROOT));
        if (item.ref() != null) {
            text.append(" `").append(item.ref()).append('`');
        }
        if (item.minProficiency() != null) {
            text.append(" at proficiency ").append(item.minProficiency()).append(" or higher");
        }
        if (item.minYears() != null) {
            text.append(" of at least ").append(item.minYears()).append(" years");
        }
        return text.toString();
    }

    /** The paragraph {@link RoadmapParser} reads back as the policy. */
    static String verification(VerificationPolicy policy) {
        return "Verification policy: unverified certifications" + (policy.unverifiedCertificationsCount() ? ""
                : " do not") + " count; self-assessed skills" + (policy.selfAssessedSkillsCount() ? "" : " do not")
                + " count.";
    }

    static String salary(SalaryBand band) {
        String range = amount(band.currency(), band.min());
        if (band.max() != null) {
            range += " - " + amount(band.currency(), band.max());
        }
        return band.regionName() + Attributes.suffix(band.region(), Slugs.slug(band.regionName())) + ": " + range
                + (band.openEnded() ? "+" : "");
    }

    private static String amount(String currency, long value) {
        String symbol = SYMBOL_OF.getOrDefault(currency, currency + " ");
        return symbol + NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    private void pathway(List<PathwayStep> pathway) {
        heading(2, RoadmapParser.PATHWAY);
        for (PathwayStep step : pathway) {
            list(3, "Year " + step.label(), step.certifications().stream().map(RoadmapMarkdown::certification)
                    .toList(), false);
        }
    }

    /**
     * "CompTIA Security+ — renews every 36 months": the renewal period is always stated when there is one, and
     * "does not expire" where the issuer's known cycle ({@link CertificationIds#renewalMonths}) would otherwise apply.
     */
    static String certification(Certification certification) {
        String text = certification.name()
                + Attributes.suffix(certification.id(), CertificationIds.idFor(certification.name()));
        if (certification.renewalMonths() != null) {
            return text + RoadmapParser.RENEWAL_DASH + "renews every " + certification.renewalMonths() + " months";
        }
        return CertificationIds.renewalMonths(certification.id()) == null ? text
                : text + RoadmapParser.RENEWAL_DASH + RoadmapParser.NO_RENEWAL;
    }

    private void list(int depth, String title, List<String> items, boolean evenIfEmpty) {
        if (items.isEmpty() && !evenIfEmpty) {
            return;
        }
        heading(depth, title, items.isEmpty());
        items.forEach(item -> out.append("- ").append(item).append('\n'));
        if (!items.isEmpty()) {
            out.append('\n');
        }
    }

    private void section(int depth, DescriptiveSection section) {
        heading(depth, section.heading(), !section.paragraphs().isEmpty() || section.items().isEmpty());
        section.paragraphs().forEach(this::paragraph);
        int number = 1;
        for (Item item : section.items()) {
            String marker = section.ordered() ? (number++) + ". " : "- ";
            out.append(marker).append(item.text()).append('\n');
            String indent = " ".repeat(Math.max(2, marker.length()));
            for (Item nested : item.items()) {
                out.append(indent).append("- ").append(nested.text()).append('\n');
            }
            if (!item.items().isEmpty() && item != section.items().get(section.items().size() - 1)) {
                out.append('\n'); // items with details are separated, as in the seed's association lists
            }
        }
        if (!section.items().isEmpty()) {
            out.append('\n');
        }
        section.closing().forEach(this::paragraph);
        section.children().forEach(child -> section(Math.min(6, depth + 1), child));
    }

    private void heading(int depth, String text) {
        heading(depth, text, true);
    }

    /** As the seed writes it: a blank line after H1/H2 and before paragraphs, none between an H3 and its list. */
    private void heading(int depth, String text, boolean blankLine) {
        out.append("#".repeat(depth)).append(' ').append(text).append('\n');
        if (blankLine || depth <= 2) {
            out.append('\n');
        }
    }

    private void paragraph(String text) {
        out.append(text).append("\n\n");
    }
}
