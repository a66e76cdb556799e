package dev.ladder.catalog.track;

import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;

import java.util.List;

/**
 * The full content of a track as the catalog stores it: levels with everything the roadmap says about them plus the
 * requirement rules, and the certification pathway. Also the shape of a published snapshot (see
 * {@code catalog_version.snapshot}), so fields may be added but never renamed or removed.
 */
public record TrackContent(String id, String name, String summary, List<Level> levels,
                           List<Certification> certifications) {

    public TrackContent {
        levels = List.copyOf(levels);
        certifications = List.copyOf(certifications);
    }

    public record Level(String id, int rank, String name, int minYears, Integer maxYears, List<String> jobTitles,
                        List<String> responsibilities, List<Skill> skills, List<SalaryBand> salaryBands,
                        List<String> kpis, List<RequirementGroup> requirements) {
        public Level {
            jobTitles = List.copyOf(jobTitles);
            responsibilities = List.copyOf(responsibilities);
            skills = List.copyOf(skills);
            salaryBands = List.copyOf(salaryBands);
            kpis = List.copyOf(kpis);
            requirements = List.copyOf(requirements);
        }
    }

    public record Skill(String id, String name) {
    }

    /** Yearly pay in whole units of {@code currency} (ISO 4217); {@code max} null = open upper bound. */
    public record SalaryBand(String region, String regionName, String currency, long min, Long max) {
    }

    /**
     * A certification on this track's pathway; {@code pathwayYears} is the bucket ("1-2", "7+"),
     * {@code renewalMonths} null when unknown or the certification never expires.
     */
    public record Certification(String id, String name, String pathwayYears, Integer renewalMonths) {
    }
}
