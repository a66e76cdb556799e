package dev.ladder.catalog.draft;

import dev.ladder.catalog.audit.AuditLog.Actor;
import dev.ladder.catalog.http.Preconditions;
import dev.ladder.catalog.release.TrackRelease;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackStore.Draft;
import dev.ladder.catalog.version.TrackExport;
import dev.ladder.catalog.version.VersionDiff;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.FieldProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.List;

/**
 * Admin authoring of a track: the editable draft, validation, publication, discarding unpublished edits, and what
 * the draft changes. All of it is admin only, reads included: an unpublished draft can hold what is not announced
 * yet (a new track's salary bands, say).
 */
@RestController
@RequestMapping("/api/catalog/tracks")
@Tag(name = "catalog-authoring", description = "Import, draft editing and publication (admin only)")
class DraftController {

    private static final String ADMIN = "hasRole('admin')";

    private final DraftService drafts;
    private final JsonMapper json;

    DraftController(DraftService drafts, JsonMapper json) {
        this.drafts = drafts;
        this.json = json;
    }

    record Validation(boolean valid, List<FieldProblem> problems) {
    }

    @GetMapping("/{trackId}/draft")
    @PreAuthorize(ADMIN)
    @Operation(summary = "The editable draft of a track; ETag = its revision (send it back in If-Match)",
            responses = {@ApiResponse(responseCode = "200", description = "the draft"),
                    @ApiResponse(responseCode = "403", description = "not an admin"),
                    @ApiResponse(responseCode = "404", description = "unknown track")})
    ResponseEntity<TrackContent> draft(@PathVariable String trackId) {
        Draft draft = drafts.draft(trackId);
        return ResponseEntity.ok().eTag(Preconditions.etag(draft.revision())).body(draft.content());
    }

    @PutMapping("/{trackId}/draft")
    @PreAuthorize(ADMIN)
    @Operation(summary = "Replace the whole draft (content, salary bands, level requirements…)",
            responses = {@ApiResponse(responseCode = "200", description = "stored; ETag = new revision"),
                    @ApiResponse(responseCode = "403", description = "not an admin"),
                    @ApiResponse(responseCode = "404", description = "unknown track"),
                    @ApiResponse(responseCode = "412", description = "If-Match is stale; nothing changed"),
                    @ApiResponse(responseCode = "422", description = "invalid; every problem listed"),
                    @ApiResponse(responseCode = "428", description = "If-Match missing")})
    ResponseEntity<TrackContent> replace(@PathVariable String trackId, @RequestBody TrackContent document,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Draft draft = drafts.replace(trackId, document, ifMatch, Actor.of(Caller.current()));
        return ResponseEntity.ok().eTag(Preconditions.etag(draft.revision())).body(draft.content());
    }

    @DeleteMapping("/{trackId}/draft")
    @PreAuthorize(ADMIN)
    @Operation(summary = "Discard the draft's unpublished edits: the draft becomes the latest published version "
            + "again (GET .../draft then returns it, with a new ETag). If-Match = the draft ETag you read",
            responses = {@ApiResponse(responseCode = "204", description = "discarded (or nothing to discard)"),
                    @ApiResponse(responseCode = "401", description = "not signed in"),
                    @ApiResponse(responseCode = "403", description = "not an admin"),
                    @ApiResponse(responseCode = "404", description = "unknown track"),
                    @ApiResponse(responseCode = "409", description = "never published: nothing to go back to"),
                    @ApiResponse(responseCode = "412", description = "the draft changed since it was read"),
                    @ApiResponse(responseCode = "428", description = "If-Match missing")})
    ResponseEntity<Void> discard(@PathVariable String trackId,
                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Draft draft = drafts.discard(trackId, ifMatch, Actor.of(Caller.current()));
        return ResponseEntity.noContent().eTag(Preconditions.etag(draft.revision())).build();
    }

    @GetMapping("/{trackId}/draft/diff")
    @PreAuthorize(ADMIN)
    @Operation(summary = "What publishing the draft would change: the changes from the latest published version to "
            + "the draft, as /diff lists them (never published: everything is added)",
            responses = {@ApiResponse(responseCode = "200", description = "changes (empty: nothing unpublished)"),
                    @ApiResponse(responseCode = "401", description = "not signed in"),
                    @ApiResponse(responseCode = "403", description = "not an admin"),
                    @ApiResponse(responseCode = "404", description = "unknown track")})
    List<VersionDiff.Change> unpublished(@PathVariable String trackId) {
        return drafts.unpublishedChanges(trackId);
    }

    @GetMapping("/{trackId}/draft/export")
    @PreAuthorize(ADMIN)
    @Operation(summary = "The draft as roadmap Markdown or the JSON model (as /export does for published versions); "
            + "importing it gives back an equal track",
            responses = {@ApiResponse(responseCode = "200", description = "the document; ETag = the draft revision"),
                    @ApiResponse(responseCode = "401", description = "not signed in"),
                    @ApiResponse(responseCode = "403", description = "not an admin"),
                    @ApiResponse(responseCode = "404", description = "unknown track"),
                    @ApiResponse(responseCode = "422", description = "unknown format")})
    ResponseEntity<String> export(@PathVariable String trackId,
                                  @RequestParam(defaultValue = "markdown") String format) {
        Draft draft = drafts.draft(trackId);
        ResponseEntity<String> document = TrackExport.export(draft.content(), format,
                trackId + "-draft-r" + draft.revision(), json);
        return ResponseEntity.status(document.getStatusCode()).headers(document.getHeaders())
                .eTag(Preconditions.etag(draft.revision())).body(document.getBody());
    }

    @PostMapping("/{trackId}/draft/validate")
    @PreAuthorize(ADMIN)
    @Operation(summary = "Check a draft document without storing it; 200 with the problems found",
            responses = {@ApiResponse(responseCode = "200", description = "problems (empty = publishable)"),
                    @ApiResponse(responseCode = "403", description = "not an admin")})
    Validation validate(@PathVariable String trackId, @RequestBody(required = false) TrackContent document) {
        TrackContent content = document != null ? document : drafts.draft(trackId).content();
        List<FieldProblem> problems = drafts.validate(trackId, content);
        return new Validation(problems.isEmpty(), problems);
    }

    @PostMapping("/{trackId}/draft/release-preview")
    @PreAuthorize(ADMIN)
    @Operation(summary = "The CatalogVersionPublished event publishing this document (no body: the stored draft) "
            + "would send now; stores nothing. POST it to /api/progress/admin/impact-preview to see who would gain or "
            + "lose readiness or a level",
            responses = {@ApiResponse(responseCode = "200", description = "the event, version = the next one"),
                    @ApiResponse(responseCode = "400", description = "malformed JSON"),
                    @ApiResponse(responseCode = "403", description = "not an admin"),
                    @ApiResponse(responseCode = "404", description = "unknown track"),
                    @ApiResponse(responseCode = "422", description = "invalid; every problem listed")})
    CatalogVersionPublished releasePreview(@PathVariable String trackId,
                                           @RequestBody(required = false) TrackContent document) {
        return drafts.releasePreview(trackId, document);
    }

    @PostMapping("/{trackId}/publish")
    @PreAuthorize(ADMIN)
    @Operation(summary = "Publish the draft as version N+1 and emit CatalogVersionPublished (If-Match = draft ETag)",
            responses = {@ApiResponse(responseCode = "201", description = "published; body = the version"),
                    @ApiResponse(responseCode = "403", description = "not an admin"),
                    @ApiResponse(responseCode = "404", description = "unknown track"),
                    @ApiResponse(responseCode = "412", description = "the draft changed since it was read"),
                    @ApiResponse(responseCode = "422", description = "the draft is invalid"),
                    @ApiResponse(responseCode = "428", description = "If-Match missing")})
    ResponseEntity<TrackRelease> publish(@PathVariable String trackId,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        TrackRelease release = drafts.publish(trackId, ifMatch, Actor.of(Caller.current()));
        return ResponseEntity.created(URI.create("/api/catalog/tracks/" + trackId + "/versions/" + release.version()))
                .eTag(Preconditions.etag(release.version())).body(release);
    }
}
