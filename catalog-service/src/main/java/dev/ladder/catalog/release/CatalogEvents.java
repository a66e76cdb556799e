package dev.ladder.catalog.release;

import dev.ladder.catalog.track.TrackContent;
import dev.ladder.contracts.catalog.CatalogVersionPublished;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a release to its event: the requirement rules and the reference data consumers need to evaluate them. */
final class CatalogEvents {

    private CatalogEvents() {
    }

    /** The event of a release nobody in particular published (the seed import) or not yet published (a preview). */
    static CatalogVersionPublished published(TrackRelease release) {
        return published(release, null);
    }

    /** @param publishedBy the sign-in subject of the admin who published it; null for the seed import */
    static CatalogVersionPublished published(TrackRelease release, String publishedBy) {
        List<CatalogVersionPublished.Level> levels = release.levels().stream()
                .map(l -> new CatalogVersionPublished.Level(l.id(), l.rank(), l.name(), l.minYears(), l.maxYears(),
                        l.requirements()))
                .toList();
        List<CatalogVersionPublished.Certification> certifications = release.certifications().stream()
                .map(c -> new CatalogVersionPublished.Certification(c.id(), c.name(), c.renewalMonths()))
                .toList();
        Map<String, CatalogVersionPublished.Skill> skills = new LinkedHashMap<>();
        for (TrackContent.Level level : release.levels()) {
            for (TrackContent.Skill skill : level.skills()) {
                skills.putIfAbsent(skill.id(), new CatalogVersionPublished.Skill(skill.id(), skill.name()));
            }
        }
        return new CatalogVersionPublished(release.id(), release.name(), release.version(), release.publishedAt(),
                levels, certifications, List.copyOf(skills.values()), release.demoteOnExpiry(),
                release.verification(), salaryRegions(release), publishedBy);
    }

    /**
     * Every region the track's salary bands name, in the order they first appear (level by level), with the name the
     * first band gives it: the values an employee's region is checked against, and the ones the portal matches a
     * profile's region to a band by. Always a list (empty for a track without bands): absent means "not known".
     */
    static List<CatalogVersionPublished.SalaryRegion> salaryRegions(TrackRelease release) {
        Map<String, CatalogVersionPublished.SalaryRegion> regions = new LinkedHashMap<>();
        for (TrackContent.Level level : release.levels()) {
            for (TrackContent.SalaryBand band : level.salaryBands()) {
                if (band.region() != null && !band.region().isBlank()) {
                    String name = band.regionName() == null || band.regionName().isBlank() ? band.region()
                            : band.regionName();
                    regions.putIfAbsent(band.region(), new CatalogVersionPublished.SalaryRegion(band.region(), name));
                }
            }
        }
        return List.copyOf(regions.values());
    }
}
