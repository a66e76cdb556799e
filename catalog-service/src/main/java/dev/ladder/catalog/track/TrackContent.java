package dev.ladder.catalog.track;

import dev.ladder.catalog.roadmap.DescriptiveSection;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.VerificationPolicy;

import java.util.List;

/**
 * The full content of a track: levels with everything the roadmap says about them plus the requirement rules, the
 * certification pathway, every descriptive section of the roadmap, and the track's policy on expired requirements.
 * This is the draft document admins edit (whole-document PUT) and the shape of a published snapshot
 * ({@code catalog_version.snapshot}), so fields may be added but never renamed or removed. Fields added after
 * version 1 tolerate being absent in old snapshots.
 *
 * @param pathwayPosition index among {@code sections} before which the certification pathway stands in the document
 * @param demoteOnExpiry  the track's policy when a reached level's requirement stops holding (false = keep the level)
 * @param verification    what counts before it is verified: {@code {"unverifiedCertificationsCount": false,
 *                        "selfAssessedSkillsCount": true}} ({@link VerificationPolicy#DEFAULT}, also when absent)
 */
public record TrackContent(String id, String name, String summary, List<Level> levels,
                           List<Certification> certifications, List<DescriptiveSection> sections,
                           int pathwayPosition, boolean demoteOnExpiry, VerificationPolicy verification) {

    public TrackContent {
        levels = levels == null ? List.of() : List.copyOf(levels);
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        sections = sections == null ? List.of() : List.copyOf(sections);
        verification = verification == null ? VerificationPolicy.DEFAULT : verification;
        // one canonical form for what a document cannot tell apart (as Roadmap does), so export → import is equal:
        // no summary is null, and without a pathway its position means nothing
        summary = summary == null || summary.isBlank() ? null : summary;
        pathwayPosition = certifications.isEmpty() ? sections.size()
                : Math.max(0, Math.min(pathwayPosition, sections.size()));
    }

    /** Without a verification policy: the default one. */
    public TrackContent(String id, String name, String summary, List<Level> levels,
                        List<Certification> certifications, List<DescriptiveSection> sections,
                        int pathwayPosition, boolean demoteOnExpiry) {
        this(id, name, summary, levels, certifications, sections, pathwayPosition, demoteOnExpiry, null);
    }

    public record Level(String id, int rank, String name, int minYears, Integer maxYears, List<String> jobTitles,
                        List<String> responsibilities, List<Skill> skills, List<SalaryBand> salaryBands,
                        List<String> kpis, List<RequirementGroup> requirements) {
        public Level {
            jobTitles = copy(jobTitles);
            responsibilities = copy(responsibilities);
            skills = copy(skills);
            salaryBands = copy(salaryBands);
            kpis = copy(kpis);
            requirements = copy(requirements);
        }
    }

    public record Skill(String id, String name) {
    }

    /**
     * Yearly pay in whole units of {@code currency} (ISO 4217). {@code openEnded} = "and above": "$180,000 -
     * $300,000+" is max 300000 with openEnded true; a band without max is always open-ended.
     */
    public record SalaryBand(String region, String regionName, String currency, long min, Long max,
                             boolean openEnded) {
        public SalaryBand {
            openEnded = openEnded || max == null;
        }
    }

    /**
     * A certification on this track's pathway; {@code pathwayYears} is the bucket ("1-2", "7+"),
     * {@code renewalMonths} null when the certification never expires or its cycle is unknown.
     */
    public record Certification(String id, String name, String pathwayYears, Integer renewalMonths) {
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
