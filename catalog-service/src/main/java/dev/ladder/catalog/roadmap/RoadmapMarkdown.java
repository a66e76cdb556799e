package dev.ladder.catalog.roadmap;

import dev.ladder.catalog.roadmap.DescriptiveSection.Item;
import dev.ladder.catalog.roadmap.Roadmap.Certification;
import dev.ladder.catalog.roadmap.Roadmap.Level;
import dev.ladder.catalog.roadmap.Roadmap.PathwayStep;
import dev.ladder.catalog.roadmap.Roadmap.SalaryBand;
import dev.ladder.contracts.catalog.CatalogVersionPublished.VerificationPolicy;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a {@link Roadmap} in the Markdown shape {@link RoadmapParser} reads, so export → import is lossless. */
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
        roadmap.levels().forEach(this::level);
        for (int i = 0; i <= roadmap.sections().size(); i++) {
            if (i == roadmap.pathwayPosition() && !roadmap.pathway().isEmpty()) {
                pathway(roadmap.pathway());
            }
            if (i < roadmap.sections().size()) {
                section(2, roadmap.sections().get(i));
            }
        }
    }

    private void level(Level level) {
        String years = level.maxYears() == null ? level.minYears() + "+" : level.minYears() + "-" + level.maxYears();
        heading(2, level.name() + " Positions (" + years + " years)");
        list(3, "Job Titles", level.jobTitles());
        list(3, "Responsibilities", level.responsibilities());
        list(3, "Required Skills", level.skills().stream().map(Roadmap.Skill::name).toList());
        list(3, "Salary Range", level.salaryBands().stream().map(RoadmapMarkdown::salary).toList());
        list(3, "Key Performance Indicators", level.kpis());
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
        return band.regionName() + ": " + range + (band.openEnded() ? "+" : "");
    }

    private static String amount(String currency, long value) {
        String symbol = SYMBOL_OF.getOrDefault(currency, currency + " ");
        return symbol + NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    private void pathway(List<PathwayStep> pathway) {
        heading(2, RoadmapParser.PATHWAY);
        for (PathwayStep step : pathway) {
            list(3, "Year " + step.label(), step.certifications().stream().map(Certification::name).toList());
        }
    }

    private void list(int depth, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        heading(depth, title, false);
        items.forEach(item -> out.append("- ").append(item).append('\n'));
        out.append('\n');
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
