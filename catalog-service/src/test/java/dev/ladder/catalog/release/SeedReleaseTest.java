package dev.ladder.catalog.release;

import dev.ladder.catalog.roadmap.SeedRoadmap;
import dev.ladder.catalog.rules.LevelRulesV1;
import dev.ladder.catalog.track.TrackDocuments;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed event fixtures use is the one publication maps from the seed roadmap the service imports. */
class SeedReleaseTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.678Z");

    @Test
    void theSeedIsVersionOneOfTheSeedTrackWithItsLevelsCertificationsAndSkills() {
        CatalogVersionPublished seed = SeedRelease.seed(1, AT);

        assertThat(seed.trackId()).isEqualTo("ai-ml-security-specialist");
        assertThat(seed.trackName()).isEqualTo("AI & Machine Learning Security Specialist");
        assertThat(seed.version()).isEqualTo(1);
        assertThat(seed.publishedAt()).isEqualTo(AT);
        assertThat(seed.levels()).extracting(CatalogVersionPublished.Level::id)
                .containsExactly("entry", "mid", "senior", "executive");
        assertThat(seed.certifications()).hasSize(12);
        assertThat(seed.skills()).hasSize(5 + 6 + 6 + 6);
        assertThat(seed.levels().get(0).requirements()).isEmpty();
        assertThat(seed.levels().get(1).requirements()).extracting(CatalogVersionPublished.RequirementGroup::id)
                .containsExactly("mid-certifications", "mid-skills", "mid-experience");
        assertThat(seed.demotesOnExpiry()).isFalse();
        assertThat(seed.verification()).isEqualTo(
                dev.ladder.contracts.catalog.CatalogVersionPublished.VerificationPolicy.DEFAULT);
        assertThat(seed.salaryRegions()).containsExactly(
                new CatalogVersionPublished.SalaryRegion("united-states", "United States"),
                new CatalogVersionPublished.SalaryRegion("europe", "Europe"),
                new CatalogVersionPublished.SalaryRegion("asia-pacific", "Asia-Pacific"));
    }

    @Test
    void theSalaryRegionsAreTheOnesTheSalaryBandsNameSoTheyMatchAProfilesRegionAsThePortalDoes() {
        TrackRelease release = TrackRelease.of(TrackDocuments.fromRoadmap(SeedRoadmap.parsed(),
                LevelRulesV1.derive(SeedRoadmap.parsed())), 1, AT);
        java.util.Set<String> bandRegions = new java.util.LinkedHashSet<>();
        release.levels().forEach(l -> l.salaryBands().forEach(b -> bandRegions.add(b.region())));

        assertThat(SeedRelease.seed(1, AT).salaryRegions()).extracting(CatalogVersionPublished.SalaryRegion::id)
                .containsExactlyElementsOf(bandRegions);
        TrackRelease withoutBands = new TrackRelease("t", "T", null, 1, AT, List.of(), List.of(), List.of(), 0,
                false, null);
        assertThat(CatalogEvents.published(withoutBands).salaryRegions()).as("known: none").isEmpty();
    }

    @Test
    void theSeedIsReadFromTheRoadmapTheServiceShipsAndMappedAsPublicationMapsIt() {
        assertThat(SeedRelease.SEED_RESOURCE).isEqualTo("roadmaps/" + SeedRoadmap.TRACK_ID + ".md");
        assertThat(SeedRelease.SEED_TRACK_ID).isEqualTo(SeedRoadmap.TRACK_ID);

        TrackRelease release = TrackRelease.of(TrackDocuments.fromRoadmap(SeedRoadmap.parsed(),
                LevelRulesV1.derive(SeedRoadmap.parsed())), 3, AT);
        assertThat(SeedRelease.seed(3, AT)).isEqualTo(CatalogEvents.published(release));
    }

    @Test
    void anyRoadmapGetsTheIdAnAdminImportWouldGiveIt() {
        CatalogVersionPublished imported = SeedRelease.fromRoadmap(SeedRoadmap.markdown(), 1, AT);
        CatalogVersionPublished seed = SeedRelease.seed(1, AT);

        assertThat(imported.trackId()).isEqualTo("ai-machine-learning-security-specialist");
        assertThat(imported.levels()).isEqualTo(seed.levels());
        assertThat(imported.certifications()).isEqualTo(seed.certifications());
        assertThat(imported.skills()).isEqualTo(seed.skills());
    }
}
