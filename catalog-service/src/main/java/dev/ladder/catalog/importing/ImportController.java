package dev.ladder.catalog.importing;

import dev.ladder.catalog.audit.AuditLog.Actor;
import dev.ladder.catalog.http.Preconditions;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackStore.Draft;
import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Admin import: a new track from a roadmap document, stored as its first draft. */
@RestController
@RequestMapping("/api/catalog/tracks")
@Tag(name = "catalog-authoring", description = "Import, draft editing and publication (writes: admin only)")
class ImportController {

    private static final String ADMIN = "hasRole('admin')";

    private final TrackImportService imports;

    ImportController(TrackImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/import", consumes = {"text/markdown", "text/plain"})
    @PreAuthorize(ADMIN)
    @Operation(summary = "Create a new track from a roadmap in Markdown (mis-decoded UTF-8 is repaired)",
            responses = {@ApiResponse(responseCode = "201", description = "created; body = the draft"),
                    @ApiResponse(responseCode = "403", description = "not an admin"),
                    @ApiResponse(responseCode = "409", description = "a track with that id exists"),
                    @ApiResponse(responseCode = "422", description = "malformed; every problem with its line")})
    ResponseEntity<TrackContent> importMarkdown(@RequestBody String markdown) {
        return created(imports.importMarkdown(markdown, Actor.of(Caller.current())));
    }

    @PostMapping(path = "/import", consumes = "application/json")
    @PreAuthorize(ADMIN)
    @Operation(summary = "Create a new track from the JSON model (id = slug of the name)",
            responses = {@ApiResponse(responseCode = "201", description = "created; body = the draft"),
                    @ApiResponse(responseCode = "400", description = "malformed JSON"),
                    @ApiResponse(responseCode = "403", description = "not an admin"),
                    @ApiResponse(responseCode = "409", description = "a track with that id exists"),
                    @ApiResponse(responseCode = "422", description = "invalid; every problem listed")})
    ResponseEntity<TrackContent> importJson(@RequestBody TrackContent document) {
        return created(imports.importJson(document, Actor.of(Caller.current())));
    }

    private static ResponseEntity<TrackContent> created(Draft draft) {
        return ResponseEntity.created(URI.create("/api/catalog/tracks/" + draft.content().id() + "/draft"))
                .eTag(Preconditions.etag(draft.revision())).body(draft.content());
    }
}
