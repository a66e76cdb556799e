package dev.ladder.catalog.roadmap;

import dev.ladder.catalog.roadmap.Roadmap.Certification;
import dev.ladder.catalog.roadmap.Roadmap.Level;
import dev.ladder.catalog.roadmap.Roadmap.PathwayStep;
import dev.ladder.catalog.roadmap.Roadmap.SalaryBand;
import dev.ladder.catalog.roadmap.Roadmap.Skill;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class RoadmapParserTest {

    private final Roadmap seed = SeedRoadmap.parsed();

    @Test
    void trackNameAndSummaryComeFromTheTitle() {
        assertThat(seed.trackId()).isEqualTo("ai-ml-security-specialist");
        assertThat(seed.name()).isEqualTo("AI & Machine Learning Security Specialist");
        assertThat(seed.summary()).startsWith("This comprehensive roadmap outlines the career progression");
    }

    @Test
    void fourLevelsWithRanksNamesAndExperienceRanges() {
        assertThat(seed.levels())
                .extracting(Level::id, Level::rank, Level::name, Level::minYears, Level::maxYears)
                .containsExactly(
                        tuple("entry", 1, "Entry Level", 0, 2),
                        tuple("mid", 2, "Mid-Level", 3, 5),
                        tuple("senior", 3, "Senior-Level", 6, 10),
                        tuple("executive", 4, "Executive", 10, null));
    }

    @Test
    void jobTitlesResponsibilitiesAndKpisPerLevel() {
        assertThat(seed.levels()).extracting(l -> l.jobTitles().size()).containsExactly(4, 5, 5, 4);
        assertThat(seed.levels()).extracting(l -> l.responsibilities().size()).containsExactly(5, 6, 6, 6);
        assertThat(seed.levels()).extracting(l -> l.kpis().size()).containsExactly(4, 5, 5, 5);
        assertThat(level("entry").jobTitles()).containsExactly("Junior AI Security Analyst", "ML Security Intern",
                "Data Science Security Associate", "Cybersecurity Analyst (AI/ML focus)");
        assertThat(level("executive").jobTitles()).first().isEqualTo("Chief AI Security Officer");
        assertThat(level("mid").responsibilities()).last().isEqualTo("Mentor junior team members");
        assertThat(level("senior").kpis()).contains("Patent filings or research publications");
    }

    @Test
    void requiredSkillsGetSlugIds() {
        assertThat(seed.levels()).extracting(l -> l.skills().size()).containsExactly(5, 6, 6, 6);
        assertThat(level("entry").skills()).extracting(Skill::id).containsExactly(
                "basic-understanding-of-machine-learning-concepts",
                "fundamental-cybersecurity-knowledge",
                "python-programming-skills",
                // 60 characters at most, cut mid-word as SPEC says
                "familiarity-with-common-ml-frameworks-scikit-learn-tensorflo",
                "basic-knowledge-of-cloud-platforms-aws-gcp-azure");
        assertThat(level("entry").skills().get(3).name())
                .isEqualTo("Familiarity with common ML frameworks (Scikit-learn, TensorFlow, PyTorch)");
        assertThat(level("mid").skills()).extracting(Skill::id).contains(
                "advanced-knowledge-of-adversarial-machine-learning",
                "knowledge-of-regulatory-requirements-gdpr-hipaa-etc",
                "experience-with-security-tools-art-cleverhans-etc");
        assertThat(level("executive").skills()).extracting(Skill::id).contains("crisis-management-capabilities");
    }

    @Test
    void salaryBandsPerRegionWithIsoCurrencies() {
        assertThat(level("entry").salaryBands()).containsExactly(
                new SalaryBand("united-states", "United States", "USD", 70_000, 90_000L),
                new SalaryBand("europe", "Europe", "EUR", 60_000, 80_000L),
                new SalaryBand("asia-pacific", "Asia-Pacific", "USD", 50_000, 70_000L));
        assertThat(level("senior").salaryBands()).extracting(SalaryBand::min, SalaryBand::max)
                .containsExactly(tuple(130_000L, 180_000L), tuple(110_000L, 150_000L), tuple(95_000L, 130_000L));
    }

    @Test
    void executiveSalariesHaveAnOpenUpperBound() {
        assertThat(level("executive").salaryBands()).containsExactly(
                new SalaryBand("united-states", "United States", "USD", 180_000, 300_000L, true),
                new SalaryBand("europe", "Europe", "EUR", 150_000, 250_000L, true),
                new SalaryBand("asia-pacific", "Asia-Pacific", "USD", 130_000, 200_000L, true));
    }

    @Test
    void certificationPathwayHasFourBucketsAndTwelveCertifications() {
        assertThat(seed.pathway()).extracting(PathwayStep::fromYear, PathwayStep::toYear, PathwayStep::label)
                .containsExactly(tuple(1, 2, "1-2"), tuple(3, 4, "3-4"), tuple(5, 6, "5-6"), tuple(7, null, "7+"));
        List<Certification> all = seed.pathway().stream().flatMap(s -> s.certifications().stream()).toList();
        assertThat(all).hasSize(12).extracting(Certification::id).containsExactly(
                "comptia-security-plus", "ceh", "google-it-support",
                "cissp", "aws-security-specialty", "cais",
                "oscp", "mlsp", "cism",
                "giac", "vendor-security", "executive-leadership-program");
        assertThat(all.get(0).name()).isEqualTo("CompTIA Security+");
        assertThat(all.get(3).name()).isEqualTo("Certified Information Systems Security Professional (CISSP)");
    }

    @Test
    void unknownCertificationNamesFallBackToAcronymOrSlug() {
        assertThat(CertificationIds.idFor("Certified Cloud Security Professional (CCSP)")).isEqualTo("ccsp");
        assertThat(CertificationIds.idFor("Azure Security Engineer Associate")).isEqualTo(
                "azure-security-engineer-associate");
        assertThat(CertificationIds.idFor("  comptia   SECURITY+ ")).isEqualTo("comptia-security-plus");
    }

    @Test
    void salaryLinesInOtherShapes() {
        assertThat(RoadmapParser.salary("United Kingdom: £40,000 - £55,000"))
                .isEqualTo(new SalaryBand("united-kingdom", "United Kingdom", "GBP", 40_000, 55_000L));
        assertThat(RoadmapParser.salary("**Europe**: €150,000+"))
                .isEqualTo(new SalaryBand("europe", "Europe", "EUR", 150_000, null));
        assertThat(RoadmapParser.salary("Remote: $90000 - 120000"))
                .isEqualTo(new SalaryBand("remote", "Remote", "USD", 90_000, 120_000L));
    }

    @Test
    void badSalaryLinesAreRejectedWithTheLine() {
        assertThatThrownBy(() -> RoadmapParser.salary("Japan: ¥7,000,000 - ¥9,000,000"))
                .isInstanceOf(RoadmapFormatException.class).hasMessageContaining("Japan");
        assertThatThrownBy(() -> RoadmapParser.salary("Europe: €90,000 - $80,000"))
                .isInstanceOf(RoadmapFormatException.class).hasMessageContaining("mixes currencies");
        assertThatThrownBy(() -> RoadmapParser.salary("Europe: €90,000 - €80,000"))
                .isInstanceOf(RoadmapFormatException.class).hasMessageContaining("reversed");
        assertThatThrownBy(() -> RoadmapParser.salary("Europe: €9,0000 - €80,000"))
                .isInstanceOf(RoadmapFormatException.class).hasMessageContaining("badly grouped");
    }

    @Test
    void aLevelWithoutRequiredSkillsIsRejected() {
        String markdown = """
                # Tiny Career Roadmap
                ## Entry Level Positions (0-2 years)
                ### Job Titles
                - Intern
                ### Responsibilities
                - Learn
                """;
        assertThatThrownBy(() -> RoadmapParser.parse("tiny", markdown))
                .isInstanceOf(RoadmapFormatException.class)
                .hasMessageContaining("Entry Level Positions (0-2 years)").hasMessageContaining("Required Skills");
    }

    @Test
    void aDocumentWithoutLevelsOrTitleIsRejected() {
        assertThatThrownBy(() -> RoadmapParser.parse("x", "just text"))
                .isInstanceOf(RoadmapFormatException.class).hasMessageContaining("heading");
        assertThatThrownBy(() -> RoadmapParser.parse("x", "# X\n## Specialized Roles\n- a"))
                .isInstanceOf(RoadmapFormatException.class).hasMessageContaining("no level sections");
        assertThatThrownBy(() -> RoadmapParser.parse("Not A Slug", "# X"))
                .isInstanceOf(RoadmapFormatException.class).hasMessageContaining("slug");
    }

    @Test
    void pathwayBucketsMustNameYears() {
        String markdown = """
                # T
                ## Entry Level Positions (0-2 years)
                ### Job Titles
                - a
                ### Responsibilities
                - b
                ### Required Skills
                - c
                ## Certification Pathway
                ### Someday
                - CISSP
                """;
        assertThatThrownBy(() -> RoadmapParser.parse("t", markdown))
                .isInstanceOf(RoadmapFormatException.class).hasMessageContaining("Someday");
    }

    private Level level(String id) {
        return seed.levels().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }
}
