package dev.ladder.catalog.track;

import dev.ladder.catalog.roadmap.CertificationIds;
import dev.ladder.catalog.roadmap.Roadmap;
import dev.ladder.catalog.roadmap.Roadmap.PathwayStep;
import dev.ladder.catalog.rules.LevelRulesV1;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between the roadmap document (what Markdown says) and the track content (document + rules). */
public final class TrackDocuments {

    private TrackDocuments() {
    }

    /**
     * A new track from a roadmap with the rules v1 derived for it: what every import (seed, admin, test fixtures)
     * starts from, so they cannot drift apart.
     */
    public static TrackContent fromRoadmap(Roadmap roadmap) {
        return fromRoadmap(roadmap, LevelRulesV1.derive(roadmap));
    }

    public static TrackContent fromRoadmap(Roadmap roadmap, Map<String, List<RequirementGroup>> rules) {
        List<TrackContent.Level> levels = roadmap.levels().stream()
                .map(l -> new TrackContent.Level(l.id(), l.rank(), l.name(), l.minYears(), l.maxYears(),
                        l.jobTitles(), l.responsibilities(),
                        l.skills().stream().map(s -> new TrackContent.Skill(s.id(), s.name())).toList(),
                        l.salaryBands().stream().map(b -> new TrackContent.SalaryBand(b.region(), b.regionName(),
                                b.currency(), b.min(), b.max(), b.openEnded())).toList(),
                        l.kpis(), rules.getOrDefault(l.id(), List.of())))
                .toList();
        List<TrackContent.Certification> certifications = new ArrayList<>();
        for (PathwayStep step : roadmap.pathway()) {
            for (Roadmap.Certification c : step.certifications()) {
                certifications.add(new TrackContent.Certification(c.id(), c.name(), step.label(),
                        CertificationIds.renewalMonths(c.id())));
            }
        }
        return new TrackContent(roadmap.trackId(), roadmap.name(), roadmap.summary(), levels, certifications,
                roadmap.sections(), roadmap.pathwayPosition(), false, roadmap.verification());
    }

    /**
     * The document part of a track and its verification policy (requirement rules, renewal periods and
     * demoteOnExpiry are not part of the Markdown).
     */
    public static Roadmap toRoadmap(TrackContent content) {
        List<Roadmap.Level> levels = content.levels().stream()
                .map(l -> new Roadmap.Level(l.id(), l.rank(), l.name(), l.minYears(), l.maxYears(), l.jobTitles(),
                        l.responsibilities(),
                        l.skills().stream().map(s -> new Roadmap.Skill(s.id(), s.name())).toList(),
                        l.salaryBands().stream().map(b -> new Roadmap.SalaryBand(b.region(), b.regionName(),
                                b.currency(), b.min(), b.max(), b.openEnded())).toList(), l.kpis()))
                .toList();
        Map<String, List<Roadmap.Certification>> buckets = new LinkedHashMap<>();
        for (TrackContent.Certification c : content.certifications()) {
            buckets.computeIfAbsent(c.pathwayYears(), k -> new ArrayList<>())
                    .add(new Roadmap.Certification(c.id(), c.name()));
        }
        List<PathwayStep> pathway = buckets.entrySet().stream().map(e -> {
            String[] years = e.getKey().split("[-+]", 2);
            Integer to = e.getKey().endsWith("+") ? null : Integer.valueOf(years[1]);
            return new PathwayStep(Integer.parseInt(years[0]), to, e.getValue());
        }).toList();
        return new Roadmap(content.id(), content.name(), content.summary(), levels, pathway, content.sections(),
                content.pathwayPosition(), content.verification());
    }
}
