package dev.ladder.progress;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Certification;
import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Skill;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The AI/ML security track as catalog-service derives it from the roadmap (SPEC "Level rules v1"). */
public final class SeedTrack {

    public static final String TRACK = "ai-ml-security-specialist";

    static final List<String> YEAR_1_2 = List.of("comptia-security-plus", "ceh", "google-it-support");
    static final List<String> YEAR_3_4 = List.of("cissp", "aws-security-specialty", "cais");
    static final List<String> YEAR_5_6 = List.of("oscp", "mlsp", "cism");

    static final List<String> MID_SKILLS = List.of(
            "Advanced knowledge of adversarial machine learning",
            "Experience with privacy-preserving techniques",
            "Strong programming skills in Python and related ML libraries",
            "Understanding of cloud security best practices",
            "Knowledge of regulatory requirements (GDPR, HIPAA, etc.)",
            "Experience with security tools (ART, CleverHans, etc.)");
    static final List<String> SENIOR_SKILLS = List.of(
            "Expert knowledge of ML security landscape",
            "Leadership and team management experience",
            "Strong communication and presentation skills");
    static final List<String> EXECUTIVE_SKILLS = List.of(
            "Executive leadership experience",
            "Deep understanding of business strategy");

    public static CatalogVersionPublished version(int version) {
        List<Level> levels = List.of(
                new Level("entry", 1, "Entry Level", 0, 2, List.of()),
                level("mid", 2, "Mid-Level", 3, 5, YEAR_1_2, MID_SKILLS),
                level("senior", 3, "Senior-Level", 6, 10, YEAR_3_4, SENIOR_SKILLS),
                level("executive", 4, "Executive", 10, null, YEAR_5_6, EXECUTIVE_SKILLS));
        List<Certification> certifications = List.of(
                new Certification("comptia-security-plus", "CompTIA Security+", 36),
                new Certification("ceh", "Certified Ethical Hacker (CEH)", 36),
                new Certification("google-it-support", "Google IT Support Certificate", null),
                new Certification("cissp", "Certified Information Systems Security Professional (CISSP)", 36),
                new Certification("aws-security-specialty", "AWS Certified Security - Specialty", 36),
                new Certification("cais", "Certified AI Security Specialist (CAIS)", 24),
                new Certification("oscp", "Offensive Security Certified Professional (OSCP)", null),
                new Certification("mlsp", "Machine Learning Security Professional (MLSP)", 24),
                new Certification("cism", "Certified Information Security Manager (CISM)", 36));
        List<Skill> skills = new ArrayList<>();
        for (List<String> names : List.of(MID_SKILLS, SENIOR_SKILLS, EXECUTIVE_SKILLS)) {
            names.forEach(name -> skills.add(new Skill(slug(name), name)));
        }
        return new CatalogVersionPublished(TRACK, "AI/ML Security Specialist", version,
                Instant.parse("2026-01-01T00:00:00Z"), levels, certifications, skills);
    }

    /** The skill ids Mid-Level requires (proficiency 3+). */
    public static List<String> midSkillIds() {
        return MID_SKILLS.stream().map(SeedTrack::slug).toList();
    }

    /** A level whose groups are only the certification group: a pure certification ladder for tests. */
    public static Level certificationsOnly(String id, int rank, List<String> certifications) {
        return new Level(id, rank, id, 0, null, List.of(certificationGroup(id, certifications)));
    }

    static Level level(String id, int rank, String name, int minYears, Integer maxYears, List<String> certifications,
                       List<String> skills) {
        RequirementGroup certificationGroup = certificationGroup(id, certifications);
        RequirementGroup skillGroup = new RequirementGroup(id + "-skills", "Required skills of " + name,
                GroupKind.ALL_OF, skills.size(), skills.stream()
                .map(s -> new Requirement(RequirementType.SKILL, slug(s), 3, null)).toList());
        RequirementGroup experience = new RequirementGroup(id + "-experience", minYears + "+ years of experience",
                GroupKind.ALL_OF, 1, List.of(new Requirement(RequirementType.EXPERIENCE, null, null, minYears)));
        return new Level(id, rank, name, minYears, maxYears, List.of(certificationGroup, skillGroup, experience));
    }

    public static RequirementGroup certificationGroup(String levelId, List<String> certifications) {
        return new RequirementGroup(levelId + "-certifications", "One certification of the pathway before it",
                GroupKind.ANY_OF, 1, certifications.stream()
                .map(c -> new Requirement(RequirementType.CERTIFICATION, c, null, null)).toList());
    }

    static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.length() > 60 ? slug.substring(0, 60).replaceAll("-$", "") : slug;
    }

    private SeedTrack() {
    }
}
