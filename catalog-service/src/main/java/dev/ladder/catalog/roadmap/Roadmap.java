package dev.ladder.catalog.roadmap;

import java.util.List;

/**
 * What the catalog takes from a roadmap document: the track, its levels in rank order and the certification pathway.
 * Pure data, no persistence or framework concerns.
 */
public record Roadmap(String trackId, String name, String summary, List<Level> levels, List<PathwayStep> pathway) {

    public Roadmap {
        levels = List.copyOf(levels);
        pathway = List.copyOf(pathway);
    }

    /** A career level; {@code maxYears} null means open-ended ("10+ years"). */
    public record Level(String id, int rank, String name, int minYears, Integer maxYears, List<String> jobTitles,
                        List<String> responsibilities, List<Skill> skills, List<SalaryBand> salaryBands,
                        List<String> kpis) {
        public Level {
            jobTitles = List.copyOf(jobTitles);
            responsibilities = List.copyOf(responsibilities);
            skills = List.copyOf(skills);
            salaryBands = List.copyOf(salaryBands);
            kpis = List.copyOf(kpis);
        }
    }

    public record Skill(String id, String name) {
    }

    /**
     * Yearly pay for a region in whole units of an ISO 4217 currency; {@code max} null means open upper bound
     * ("$300,000+").
     */
    public record SalaryBand(String region, String regionName, String currency, long min, Long max) {
    }

    public record Certification(String id, String name) {
    }

    /** A bucket of the certification pathway, e.g. "Year 1-2" (toYear 2) or "Year 7+" (toYear null). */
    public record PathwayStep(int fromYear, Integer toYear, List<Certification> certifications) {
        public PathwayStep {
            certifications = List.copyOf(certifications);
        }

        /** "1-2" or "7+", as the roadmap writes it. */
        public String label() {
            return toYear == null ? fromYear + "+" : fromYear + "-" + toYear;
        }
    }
}
