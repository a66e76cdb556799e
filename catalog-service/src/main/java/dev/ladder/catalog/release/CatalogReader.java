package dev.ladder.catalog.release;

import dev.ladder.catalog.track.TrackContent;
import dev.ladder.kit.web.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read side of the catalog: only published versions are visible. */
@Service
@Transactional(readOnly = true)
public class CatalogReader {

    private final CatalogVersions versions;

    public CatalogReader(CatalogVersions versions) {
        this.versions = versions;
    }

    public List<TrackRelease.Summary> tracks() {
        return versions.latestVersions();
    }

    public Optional<Integer> latestVersion(String trackId) {
        return versions.latestVersion(trackId);
    }

    public Optional<TrackRelease> track(String trackId) {
        return versions.latest(trackId);
    }

    /** Page {@code page} of the track's published versions, oldest first. */
    public Page<TrackRelease.Summary> versions(String trackId, int page, int size) {
        long total = versions.countVersions(trackId);
        List<TrackRelease.Summary> items = Page.offset(page, size) >= total ? List.of()
                : versions.versions(trackId, size, Page.offset(page, size));
        return new Page<>(items, page, size, total);
    }

    public Optional<TrackRelease> version(String trackId, int version) {
        return versions.version(trackId, version);
    }

    /** The latest version of every published track. */
    public List<TrackRelease> latestReleases() {
        return versions.latestOfEveryTrack();
    }

    /**
     * Every certification of every track's latest version, once, ordered by where it first appears on a pathway
     * (earliest years first; within a bucket as the roadmap lists them).
     */
    public List<TrackContent.Certification> certifications() {
        Map<String, TrackContent.Certification> byId = new LinkedHashMap<>();
        for (TrackRelease release : versions.latestOfEveryTrack()) {
            for (TrackContent.Certification certification : release.certifications()) {
                byId.merge(certification.id(), certification,
                        (a, b) -> PATHWAY_ORDER.compare(a, b) <= 0 ? a : b);
            }
        }
        return byId.values().stream().sorted(PATHWAY_ORDER).toList();
    }

    private static final Comparator<TrackContent.Certification> PATHWAY_ORDER =
            Comparator.comparingInt(c -> fromYear(c.pathwayYears()));

    private static int fromYear(String pathwayYears) {
        // "1-2" / "7+" → 1 / 7
        return Integer.parseInt(pathwayYears.split("[-+]", 2)[0]);
    }
}
