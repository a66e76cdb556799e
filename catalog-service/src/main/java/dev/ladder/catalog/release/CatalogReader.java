package dev.ladder.catalog.release;

import dev.ladder.catalog.track.TrackContent;
import dev.ladder.kit.web.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** Read side of the catalog: only published versions are visible. */
@Service
@Transactional(readOnly = true)
public class CatalogReader {

    private final CatalogVersions versions;

    public CatalogReader(CatalogVersions versions) {
        this.versions = versions;
    }

    /** The latest version of every published track, by track id: what the catalog's list ETags are made of. */
    public List<TrackRelease.Summary> tracks() {
        return versions.latestVersions();
    }

    /** Page {@code page} of the latest version of every published track, by name then id. */
    public Page<TrackRelease.Summary> tracks(int page, int size) {
        long total = versions.countTracks();
        List<TrackRelease.Summary> items = Page.offset(page, size) >= total ? List.of()
                : versions.latestVersions(size, Page.offset(page, size));
        return new Page<>(items, page, size, total);
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
     * Page {@code page} of every certification of every track's latest version, once, ordered by where it first
     * appears on a pathway (earliest years first; within a bucket as the roadmaps list them, tracks by id), cut in
     * the database.
     */
    public Page<TrackContent.Certification> certifications(int page, int size) {
        long total = versions.countCertifications();
        List<TrackContent.Certification> items = Page.offset(page, size) >= total ? List.of()
                : versions.certifications(size, Page.offset(page, size));
        return new Page<>(items, page, size, total);
    }
}
