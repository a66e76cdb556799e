package dev.ladder.catalog.track;

import dev.ladder.catalog.roadmap.Roadmap;
import dev.ladder.catalog.roadmap.Roadmap.PathwayStep;
import dev.ladder.catalog.rules.LevelRulesV1;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;

import java.util.ArrayList;
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

    /** {@code rules} for the levels whose requirements the document does not state itself. */
    public static TrackContent fromRoadmap(Roadmap roadmap, Map<String, List<RequirementGroup>> rules) {
        List<TrackContent.Level> levels = roadmap.levels().stream()
                .map(l -> new TrackContent.Level(l.id(), l.rank(), l.name(), l.minYears(), l.maxYears(),
                        l.jobTitles(), l.responsibilities(),
                        l.skills().stream().map(s -> new TrackContent.Skill(s.id(), s.name())).toList(),
                        l.salaryBands().stream().map(b -> new TrackContent.SalaryBand(b.region(), b.regionName(),
                                b.currency(), b.min(), b.max(), b.openEnded())).toList(),
                        l.kpis(), l.requirements() != null ? l.requirements() : rules.getOrDefault(l.id(), List.of())))
                .toList();
        List<TrackContent.Certification> certifications = new ArrayList<>();
        for (PathwayStep step : roadmap.pathway()) {
            for (Roadmap.Certification c : step.certifications()) {
                certifications.add(new TrackContent.Certification(c.id(), c.name(), step.label(),
                        c.renewalMonths()));
            }
        }
        return new TrackContent(roadmap.trackId(), roadmap.name(), roadmap.summary(), levels, certifications,
                roadmap.sections(), roadmap.pathwayPosition(), roadmap.demoteOnExpiry(), roadmap.verification());
    }

    /**
     * The whole track as a roadmap document: requirement groups, renewal periods and the track's policies stated
     * explicitly, so {@code fromRoadmap(toRoadmap(content))} equals {@code content} and so does a Markdown export
     * imported again. Certifications keep their order: a pathway bucket that recurs after another one is a new step.
     */
    public static Roadmap toRoadmap(TrackContent content) {
        List<Roadmap.Level> levels = content.levels().stream()
                .map(l -> new Roadmap.Level(l.id(), l.rank(), l.name(), l.minYears(), l.maxYears(), l.jobTitles(),
                        l.responsibilities(),
                        l.skills().stream().map(s -> new Roadmap.Skill(s.id(), s.name())).toList(),
                        l.salaryBands().stream().map(b -> new Roadmap.SalaryBand(b.region(), b.regionName(),
                                b.currency(), b.min(), b.max(), b.openEnded())).toList(), l.kpis(),
                        l.requirements()))
                .toList();
        List<PathwayStep> pathway = new ArrayList<>();
        String bucket = null;
        List<Roadmap.Certification> run = new ArrayList<>();
        for (TrackContent.Certification c : content.certifications()) {
            if (bucket != null && !bucket.equals(c.pathwayYears())) {
                pathway.add(step(bucket, run));
                run = new ArrayList<>();
            }
            bucket = c.pathwayYears();
            run.add(new Roadmap.Certification(c.id(), c.name(), c.renewalMonths()));
        }
        if (bucket != null) {
            pathway.add(step(bucket, run));
        }
        return new Roadmap(content.id(), content.name(), content.summary(), levels, pathway, content.sections(),
                content.pathwayPosition(), content.verification(), content.demoteOnExpiry());
    }

    private static PathwayStep step(String label, List<Roadmap.Certification> certifications) {
        String[] years = label.split("[-+]", 2);
        Integer to = label.endsWith("+") ? null : Integer.valueOf(years[1]);
        return new PathwayStep(Integer.parseInt(years[0]), to, certifications);
    }
}
