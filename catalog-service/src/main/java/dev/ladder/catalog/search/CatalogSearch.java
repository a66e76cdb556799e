package dev.ladder.catalog.search;

import dev.ladder.catalog.release.TrackRelease;
import dev.ladder.catalog.track.TrackContent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Name search over the published catalog (latest version of each track). Case-insensitive substring match on names
 * and ids; a catalog is small enough that scanning the snapshots beats maintaining an index.
 */
public final class CatalogSearch {

    public enum Kind { TRACK, LEVEL, SKILL, CERTIFICATION }

    public record Hit(Kind kind, String id, String name, String trackId, String levelId) {
    }

    private CatalogSearch() {
    }

    public static List<Hit> search(List<TrackRelease> releases, String query) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        List<Hit> hits = new ArrayList<>();
        for (TrackRelease release : releases) {
            if (matches(q, release.id(), release.name())) {
                hits.add(new Hit(Kind.TRACK, release.id(), release.name(), release.id(), null));
            }
            Set<String> skills = new HashSet<>();
            for (TrackContent.Level level : release.levels()) {
                if (matches(q, level.id(), level.name())) {
                    hits.add(new Hit(Kind.LEVEL, level.id(), level.name(), release.id(), level.id()));
                }
                for (TrackContent.Skill skill : level.skills()) {
                    if (matches(q, skill.id(), skill.name()) && skills.add(skill.id())) {
                        hits.add(new Hit(Kind.SKILL, skill.id(), skill.name(), release.id(), level.id()));
                    }
                }
            }
            for (TrackContent.Certification c : release.certifications()) {
                if (matches(q, c.id(), c.name())) {
                    hits.add(new Hit(Kind.CERTIFICATION, c.id(), c.name(), release.id(), null));
                }
            }
        }
        return hits;
    }

    private static boolean matches(String q, String id, String name) {
        return (id != null && id.contains(q)) || (name != null && name.toLowerCase(Locale.ROOT).contains(q));
    }
}
