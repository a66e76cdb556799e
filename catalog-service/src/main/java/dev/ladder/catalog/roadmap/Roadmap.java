package dev.ladder.catalog.roadmap;

import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.VerificationPolicy;

import java.util.List;

/**
 * Everything a roadmap document says: the track, its levels in rank order and the certification pathway as typed
 * data, and every other part (specialised roles, industry paths, education, employers…) as generic
 * {@link DescriptiveSection}s in document order. {@code pathwayPosition} is the index among {@code sections} before
 * which the "Certification Pathway" heading stands, so an export puts it back where it was. {@code verification} is
 * the track's verification policy (absent: {@link VerificationPolicy#DEFAULT}); the Markdown states it in a
 * "Verification policy: …" paragraph under the title when it is not the default. {@code demoteOnExpiry} likewise in
 * an "Expiry policy: …" paragraph when true. A document may also state each level's requirement groups and each
 * certification's renewal period; where it does not, the track gets the defaults (rules v1, the issuers' known
 * renewal cycles), which is how the seed roadmap reads. Pure data.
 */
public record Roadmap(String trackId, String name, String summary, List<Level> levels, List<PathwayStep> pathway,
                      List<DescriptiveSection> sections, int pathwayPosition, VerificationPolicy verification,
                      boolean demoteOnExpiry) {

    public Roadmap {
        levels = List.copyOf(levels);
        pathway = List.copyOf(pathway);
        sections = sections == null ? List.of() : List.copyOf(sections);
        // without a pathway the position means nothing: one canonical value keeps equal documents equal
        pathwayPosition = pathway.isEmpty() ? sections.size() : Math.max(0, Math.min(pathwayPosition, sections.size()));
        verification = verification == null ? VerificationPolicy.DEFAULT : verification;
    }

    public Roadmap(String trackId, String name, String summary, List<Level> levels, List<PathwayStep> pathway,
                   List<DescriptiveSection> sections, int pathwayPosition, VerificationPolicy verification) {
        this(trackId, name, summary, levels, pathway, sections, pathwayPosition, verification, false);
    }

    public Roadmap(String trackId, String name, String summary, List<Level> levels, List<PathwayStep> pathway,
                   List<DescriptiveSection> sections, int pathwayPosition) {
        this(trackId, name, summary, levels, pathway, sections, pathwayPosition, VerificationPolicy.DEFAULT);
    }

    public Roadmap(String trackId, String name, String summary, List<Level> levels, List<PathwayStep> pathway) {
        this(trackId, name, summary, levels, pathway, List.of(), 0);
    }

    /**
     * A career level; {@code maxYears} null means open-ended ("10+ years"). {@code requirements} null: the document
     * does not state them (the track derives rules v1); empty: the level has none.
     */
    public record Level(String id, int rank, String name, int minYears, Integer maxYears, List<String> jobTitles,
                        List<String> responsibilities, List<Skill> skills, List<SalaryBand> salaryBands,
                        List<String> kpis, List<RequirementGroup> requirements) {
        public Level {
            jobTitles = List.copyOf(jobTitles);
            responsibilities = List.copyOf(responsibilities);
            skills = List.copyOf(skills);
            salaryBands = List.copyOf(salaryBands);
            kpis = List.copyOf(kpis);
            requirements = requirements == null ? null : List.copyOf(requirements);
        }

        public Level(String id, int rank, String name, int minYears, Integer maxYears, List<String> jobTitles,
                     List<String> responsibilities, List<Skill> skills, List<SalaryBand> salaryBands,
                     List<String> kpis) {
            this(id, rank, name, minYears, maxYears, jobTitles, responsibilities, skills, salaryBands, kpis, null);
        }
    }

    public record Skill(String id, String name) {
    }

    /**
     * Yearly pay for a region in whole units of an ISO 4217 currency. {@code openEnded} marks "and above": "$180,000 -
     * $300,000+" keeps max 300000 with openEnded true; "$150,000+" has no max at all (and is always open-ended).
     */
    public record SalaryBand(String region, String regionName, String currency, long min, Long max,
                             boolean openEnded) {
        public SalaryBand {
            openEnded = openEnded || max == null;
        }

        public SalaryBand(String region, String regionName, String currency, long min, Long max) {
            this(region, regionName, currency, min, max, max == null);
        }
    }

    /** {@code renewalMonths} null: never expires (or the cycle is unknown). */
    public record Certification(String id, String name, Integer renewalMonths) {

        /** With the renewal cycle known for its id ({@link CertificationIds#renewalMonths}), as the seed reads. */
        public Certification(String id, String name) {
            this(id, name, CertificationIds.renewalMonths(id));
        }
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
