package dev.ladder.contracts.catalog;

import dev.ladder.contracts.LadderEvent;
import dev.ladder.contracts.Require;

import java.time.Instant;
import java.util.List;

/**
 * A published, immutable version of a track: everything a consumer needs to evaluate level requirements without
 * asking catalog-service. Consumers keep every version.
 */
public record CatalogVersionPublished(
        String trackId,
        String trackName,
        int version,
        Instant publishedAt,
        List<Level> levels,
        List<Certification> certifications,
        List<Skill> skills,
        Boolean demoteOnExpiry,
        VerificationPolicy verification,
        List<SalaryRegion> salaryRegions,
        String publishedBy) implements LadderEvent {

    /** The shape before the publisher: who published it is not known (also the seed import's releases). */
    public CatalogVersionPublished(String trackId, String trackName, int version, Instant publishedAt,
                                   List<Level> levels, List<Certification> certifications, List<Skill> skills,
                                   Boolean demoteOnExpiry, VerificationPolicy verification,
                                   List<SalaryRegion> salaryRegions) {
        this(trackId, trackName, version, publishedAt, levels, certifications, skills, demoteOnExpiry, verification,
                salaryRegions, null);
    }

    /** The shape before the salary regions: which regions the track has is not known. */
    public CatalogVersionPublished(String trackId, String trackName, int version, Instant publishedAt,
                                   List<Level> levels, List<Certification> certifications, List<Skill> skills,
                                   Boolean demoteOnExpiry, VerificationPolicy verification) {
        this(trackId, trackName, version, publishedAt, levels, certifications, skills, demoteOnExpiry, verification,
                null, null);
    }

    /** The shape before the verification policy: every claim counts as recorded. */
    public CatalogVersionPublished(String trackId, String trackName, int version, Instant publishedAt,
                                   List<Level> levels, List<Certification> certifications, List<Skill> skills,
                                   Boolean demoteOnExpiry) {
        this(trackId, trackName, version, publishedAt, levels, certifications, skills, demoteOnExpiry, null, null,
                null);
    }

    /** The v1 shape before {@code demoteOnExpiry} was added: levels are never lost. */
    public CatalogVersionPublished(String trackId, String trackName, int version, Instant publishedAt,
                                   List<Level> levels, List<Certification> certifications, List<Skill> skills) {
        this(trackId, trackName, version, publishedAt, levels, certifications, skills, Boolean.FALSE, null, null, null);
    }

    /**
     * Whether this version says which salary regions the track has: versions published before the field existed
     * do not (null), and then any region may be right.
     */
    public boolean salaryRegionsKnown() {
        return salaryRegions != null;
    }

    /** The track's verification policy; a version published before policies existed counts every claim. */
    public VerificationPolicy verificationPolicy() {
        return verification != null ? verification : VerificationPolicy.LEGACY;
    }

    /**
     * The track's policy when a requirement of a reached level stops holding (a certification expires): false
     * (the default, also when absent) keeps the level and flags the person at risk; true demotes.
     */
    public boolean demotesOnExpiry() {
        return Boolean.TRUE.equals(demoteOnExpiry);
    }

    public CatalogVersionPublished {
        Require.text(trackId, "trackId");
        Require.text(trackName, "trackName");
        Require.range(version, 1, Integer.MAX_VALUE, "version");
        Require.present(publishedAt, "publishedAt");
        levels = Require.list(levels, "levels");
        certifications = Require.list(certifications, "certifications");
        skills = Require.list(skills, "skills");
        // null stays null: "not known" (an older event) is not "no regions"
        salaryRegions = salaryRegions == null ? null : List.copyOf(salaryRegions);
        // null: the seed import, or a version published before the field existed
        if (publishedBy != null) {
            Require.text(publishedBy, "publishedBy");
        }
    }

    /** A level of the track; rank 1 is the entry level. */
    public record Level(String id, int rank, String name, int minYears, Integer maxYears,
                        List<RequirementGroup> requirements) {
        public Level {
            Require.text(id, "level.id");
            Require.text(name, "level.name");
            requirements = Require.list(requirements, "level.requirements");
        }
    }

    /** A group of requirements of which {@code required} must hold (all-of, any-of and N-of-M alike). */
    public record RequirementGroup(String id, String description, GroupKind kind, int required,
                                   List<Requirement> items) {
        public RequirementGroup {
            Require.text(id, "group.id");
            Require.present(kind, "group.kind");
            items = Require.list(items, "group.items");
            Require.range(required, 1, Math.max(1, items.size()), "group.required");
        }
    }

    public enum GroupKind { ALL_OF, ANY_OF, N_OF_M }

    /**
     * What counts before a manager verifies it. {@code unverifiedCertificationsCount}: a certification the employee
     * declared themselves ({@code source: SELF}) counts from its recording (true) or only once verified (false,
     * catalog-service's default). {@code selfAssessedSkillsCount}: a skill the employee assessed themselves counts
     * (true, the default) or only a manager's (or an assessment's) proficiency does (false). An unverified claim
     * that does not count is shown as pending, not met.
     */
    public record VerificationPolicy(boolean unverifiedCertificationsCount, boolean selfAssessedSkillsCount) {
        /** catalog-service's default for a track. */
        public static final VerificationPolicy DEFAULT = new VerificationPolicy(false, true);
        /** Versions published before policies existed: every claim counted as recorded. */
        public static final VerificationPolicy LEGACY = new VerificationPolicy(true, true);
    }

    /** One condition: a certification valid on the evaluated date, a skill at a proficiency, or years of experience. */
    public record Requirement(RequirementType type, String ref, Integer minProficiency, Integer minYears) {
        public Requirement {
            Require.present(type, "requirement.type");
            if (type != RequirementType.EXPERIENCE) {
                Require.text(ref, "requirement.ref");
            }
        }
    }

    public enum RequirementType { CERTIFICATION, SKILL, EXPERIENCE }

    public record Certification(String id, String name, Integer renewalMonths) {
        public Certification {
            Require.text(id, "certification.id");
            Require.text(name, "certification.name");
        }
    }

    public record Skill(String id, String name) {
        public Skill {
            Require.text(id, "skill.id");
            Require.text(name, "skill.name");
        }
    }

    /**
     * A region the track has salary bands for, as catalog-service names it: {@code id} is the slug a salary band
     * carries as its {@code region} (e.g. {@code europe}; also what an employee profile's {@code region} holds),
     * {@code name} the roadmap's wording ("Europe").
     */
    public record SalaryRegion(String id, String name) {
        public SalaryRegion {
            Require.text(id, "salaryRegion.id");
            Require.text(name, "salaryRegion.name");
        }
    }
}
