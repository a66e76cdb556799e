package dev.ladder.catalog.importing;

import dev.ladder.catalog.audit.AuditLog;
import dev.ladder.catalog.audit.AuditLog.Actor;
import dev.ladder.catalog.roadmap.Mojibake;
import dev.ladder.catalog.roadmap.Roadmap;
import dev.ladder.catalog.roadmap.RoadmapFormatException;
import dev.ladder.catalog.roadmap.RoadmapParser;
import dev.ladder.catalog.roadmap.Slugs;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackDocuments;
import dev.ladder.catalog.track.TrackStore;
import dev.ladder.catalog.track.TrackStore.Draft;
import dev.ladder.catalog.validation.TextChecks;
import dev.ladder.catalog.validation.TrackValidator;
import dev.ladder.kit.web.ConflictException;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates a NEW track from a roadmap document (Markdown, repaired if it was mis-decoded, or the JSON model): the id
 * is the slug of its title, the rules v1 are derived for Markdown, and the result is the track's draft at revision
 * 1, audited. Anything wrong is reported whole and nothing is written.
 */
@Service
public class TrackImportService {

    private final TrackStore tracks;
    private final AuditLog audit;
    private final JsonMapper json;

    public TrackImportService(TrackStore tracks, AuditLog audit, JsonMapper json) {
        this.tracks = tracks;
        this.audit = audit;
        this.json = json;
    }

    @Transactional
    public Draft importMarkdown(String markdown, Actor actor) {
        String text = Mojibake.repair(markdown == null ? "" : markdown);
        String id = Slugs.slug(RoadmapParser.title(text));
        if (id.isEmpty()) {
            throw new RoadmapFormatException(List.of(new RoadmapFormatException.Problem(1,
                    "the title gives no usable track id")));
        }
        if (tracks.exists(id)) {
            throw conflict(id);
        }
        Roadmap roadmap = RoadmapParser.parse(id, text);
        return create(TrackDocuments.fromRoadmap(roadmap), "markdown import", actor);
    }

    @Transactional
    public Draft importJson(TrackContent document, Actor actor) {
        String id = document.name() == null ? "" : Slugs.slug(document.name());
        TrackContent content = new TrackContent(id, document.name(), document.summary(), document.levels(),
                document.certifications(), document.sections(), document.pathwayPosition(),
                document.demoteOnExpiry(), document.verification());
        return create(content, "json import", actor);
    }

    private static ConflictException conflict(String id) {
        return new ConflictException("A track '" + id + "' already exists; edit its draft instead.");
    }

    private Draft create(TrackContent content, String source, Actor actor) {
        List<FieldProblem> problems = new ArrayList<>(TrackValidator.problems(content));
        problems.addAll(TextChecks.mojibake(json, content));
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        if (!tracks.createIfAbsent(content, source)) {
            throw conflict(content.id());
        }
        audit.record(content.id(), AuditLog.Action.IMPORT, actor, 1, null, source);
        return new Draft(content, 1);
    }
}
