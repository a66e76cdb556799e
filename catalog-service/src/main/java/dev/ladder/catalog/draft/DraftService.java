package dev.ladder.catalog.draft;

import dev.ladder.catalog.audit.AuditLog;
import dev.ladder.catalog.audit.AuditLog.Actor;
import dev.ladder.catalog.http.Preconditions;
import dev.ladder.catalog.release.CatalogPublisher;
import dev.ladder.catalog.release.CatalogReader;
import dev.ladder.catalog.release.TrackRelease;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackStore;
import dev.ladder.catalog.track.TrackStore.Draft;
import dev.ladder.catalog.validation.TextChecks;
import dev.ladder.catalog.validation.TrackValidator;
import dev.ladder.catalog.version.VersionDiff;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.web.ConflictException;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Admin authoring: a track's draft is edited whole, validated, and published as the next immutable version. Every
 * write checks the revision the admin read (compare-and-set) and is audited in the same transaction.
 */
@Service
public class DraftService {

    private final TrackStore tracks;
    private final CatalogPublisher publisher;
    private final AuditLog audit;
    private final JsonMapper json;
    private final CatalogReader catalog;

    public DraftService(TrackStore tracks, CatalogPublisher publisher, AuditLog audit, JsonMapper json,
                        CatalogReader catalog) {
        this.tracks = tracks;
        this.publisher = publisher;
        this.audit = audit;
        this.json = json;
        this.catalog = catalog;
    }

    @Transactional(readOnly = true)
    public Draft draft(String trackId) {
        return tracks.draft(trackId).orElseThrow(() -> new NotFoundException("No track '" + trackId + "'"));
    }

    public List<FieldProblem> validate(String trackId, TrackContent content) {
        List<FieldProblem> problems = new ArrayList<>(TrackValidator.problems(content));
        problems.addAll(TextChecks.mojibake(json, content));
        if (content.id() != null && !content.id().equals(trackId)) {
            problems.add(0, new FieldProblem("id", "the document's id '" + content.id()
                    + "' differs from the track '" + trackId + "'; ids cannot be changed"));
        }
        return problems;
    }

    /** @return the new draft; 422 (nothing written) if invalid, 412 if {@code ifMatch} is stale */
    @Transactional
    public Draft replace(String trackId, TrackContent content, String ifMatch, Actor actor) {
        Draft current = draft(trackId);
        int expected = Preconditions.revision(ifMatch, Preconditions.etag(current.revision()));
        if (expected != current.revision()) {
            throw Preconditions.stale(Preconditions.etag(current.revision()));
        }
        List<FieldProblem> problems = validate(trackId, content);
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        int revision = tracks.replaceDraft(content, expected)
                .orElseThrow(() -> Preconditions.stale("newer than " + Preconditions.etag(expected)));
        audit.record(trackId, AuditLog.Action.DRAFT_UPDATE, actor, revision, null,
                describe(VersionDiff.diff(json, current.content(), content)));
        return new Draft(content, revision);
    }

    /**
     * What the draft changes against the latest published version (see {@link VersionDiff}); for a track never
     * published, everything in the draft is {@code added}. Empty when the draft is what readers see.
     */
    @Transactional(readOnly = true)
    public List<VersionDiff.Change> unpublishedChanges(String trackId) {
        Draft current = draft(trackId);
        TrackContent published = catalog.track(trackId).map(TrackRelease::content).orElse(null);
        return VersionDiff.diff(json, published, current.content());
    }

    /**
     * Drops the draft's unpublished edits: the draft becomes the latest published version again, at a new revision
     * (so an ETag read before the discard is stale afterwards) and audited. A draft that already equals the published
     * version is left as it is (nothing written, nothing audited). A track never published has no version to go
     * back to: 409, nothing changed.
     *
     * @return the draft after the discard; 412 if {@code ifMatch} is stale, 428 if missing
     */
    @Transactional
    public Draft discard(String trackId, String ifMatch, Actor actor) {
        Draft current = draft(trackId);
        int expected = Preconditions.revision(ifMatch, Preconditions.etag(current.revision()));
        if (expected != current.revision()) {
            throw Preconditions.stale(Preconditions.etag(current.revision()));
        }
        TrackRelease published = catalog.track(trackId).orElseThrow(() -> new ConflictException("Track '" + trackId
                + "' has never been published, so its draft has no published version to go back to."));
        List<VersionDiff.Change> dropped = VersionDiff.diff(json, current.content(), published.content());
        if (dropped.isEmpty()) {
            return current;
        }
        int revision = tracks.replaceDraft(published.content(), expected)
                .orElseThrow(() -> Preconditions.stale("newer than " + Preconditions.etag(expected)));
        audit.record(trackId, AuditLog.Action.DRAFT_DISCARD, actor, revision, published.version(),
                "discarded " + describe(dropped) + "; back to version " + published.version());
        return new Draft(published.content(), revision);
    }

    /** What changed, for the audit trail: the changed paths (the first few, and how many in all). */
    private static String describe(List<VersionDiff.Change> changes) {
        String paths = changes.stream().limit(20).map(VersionDiff.Change::path)
                .collect(java.util.stream.Collectors.joining(", "));
        return changes.size() + " change(s)" + (changes.isEmpty() ? "" : ": " + paths)
                + (changes.size() > 20 ? ", …" : "");
    }

    /**
     * The CatalogVersionPublished event that publishing {@code content} (or, when null, the stored draft) would send
     * now; 422 if invalid (what publishing would answer). Stores nothing.
     */
    @Transactional(readOnly = true)
    public CatalogVersionPublished releasePreview(String trackId, TrackContent content) {
        Draft current = draft(trackId);
        TrackContent subject = content != null ? content : current.content();
        List<FieldProblem> problems = validate(trackId, subject);
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        return publisher.preview(trackId, subject);
    }

    /**
     * Publishes the draft as version N+1: snapshot, CatalogVersionPublished outbox row (naming the actor as its
     * publisher) and audit entry in one transaction. If-Match names the draft revision being published, so nobody
     * publishes edits they have not seen.
     */
    @Transactional
    public TrackRelease publish(String trackId, String ifMatch, Actor actor) {
        Draft current = draft(trackId);
        int expected = Preconditions.revision(ifMatch, Preconditions.etag(current.revision()));
        if (expected != current.revision()) {
            throw Preconditions.stale(Preconditions.etag(current.revision()));
        }
        List<FieldProblem> problems = validate(trackId, current.content());
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        TrackRelease release = publisher.publish(trackId, actor.id());
        audit.record(trackId, AuditLog.Action.PUBLISH, actor, current.revision(), release.version(),
                "published version " + release.version());
        return release;
    }
}
