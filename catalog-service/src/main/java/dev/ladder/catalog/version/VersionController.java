package dev.ladder.catalog.version;

import dev.ladder.catalog.audit.AuditLog;
import dev.ladder.catalog.http.Preconditions;
import dev.ladder.catalog.release.CatalogReader;
import dev.ladder.catalog.release.TrackRelease;
import dev.ladder.catalog.track.TrackStore;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/** Published versions of a track: list, fetch, compare, export, and the audit trail of how they came to be. */
@RestController
@RequestMapping("/api/catalog/tracks/{trackId}")
@Tag(name = "catalog-versions", description = "Immutable published versions, diffs, export and history")
class VersionController {

    private final CatalogReader catalog;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TrackStore tracks;

    VersionController(CatalogReader catalog, AuditLog audit, JsonMapper json, TrackStore tracks) {
        this.catalog = catalog;
        this.audit = audit;
        this.json = json;
        this.tracks = tracks;
    }

    @GetMapping("/versions")
    @Operation(summary = "The published versions, oldest first, a page at a time (page from 0; size 1-200, "
            + "default 50)",
            responses = {@ApiResponse(responseCode = "200", description = "a page of versions"),
                    @ApiResponse(responseCode = "400", description = "page or size out of range"),
                    @ApiResponse(responseCode = "404", description = "no published track")})
    Page<TrackRelease.Summary> versions(@PathVariable String trackId,
                                        @RequestParam(defaultValue = "0") @Min(0) int page,
                                        @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Page<TrackRelease.Summary> versions = catalog.versions(trackId, page, size);
        if (versions.total() == 0) {
            throw new NotFoundException("No published track '" + trackId + "'");
        }
        return versions;
    }

    @GetMapping("/versions/{version}")
    @Operation(summary = "One published version (immutable: ETag = version, cacheable)",
            responses = {@ApiResponse(responseCode = "200", description = "the version"),
                    @ApiResponse(responseCode = "404", description = "no such version")})
    ResponseEntity<TrackRelease> version(@PathVariable String trackId, @PathVariable int version) {
        return ResponseEntity.ok().eTag(Preconditions.etag(version)).body(release(trackId, version));
    }

    @GetMapping("/diff")
    @Operation(summary = "What changed between two versions: {path, kind (added|removed|changed|moved), entity, id, "
            + "before, after, from, to}; entries of lists are matched by id (salary bands by region)",
            responses = {@ApiResponse(responseCode = "200", description = "changes"),
                    @ApiResponse(responseCode = "404", description = "no such version")})
    List<VersionDiff.Change> diff(@PathVariable String trackId, @RequestParam int from, @RequestParam int to) {
        return VersionDiff.diff(json, release(trackId, from).content(), release(trackId, to).content());
    }

    @GetMapping("/history")
    @PreAuthorize("hasRole('admin')") // it names the admins who changed the catalog, and unpublished edits
    @Operation(summary = "Audit trail: every import, draft change and publication with who and when (admin only), "
            + "oldest first, a page at a time (page from 0; size 1-200, default 50)",
            responses = {@ApiResponse(responseCode = "200", description = "a page of entries, oldest first"),
                    @ApiResponse(responseCode = "400", description = "page or size out of range"),
                    @ApiResponse(responseCode = "403", description = "not an admin"),
                    @ApiResponse(responseCode = "404", description = "unknown track")})
    Page<AuditLog.Entry> history(@PathVariable String trackId,
                                 @RequestParam(defaultValue = "0") @Min(0) int page,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Page<AuditLog.Entry> entries = audit.history(trackId, page, size);
        // tracks imported before the audit trail existed have an empty history, not a missing one
        if (entries.total() == 0 && !tracks.exists(trackId)) {
            throw new NotFoundException("No track '" + trackId + "'");
        }
        return entries;
    }

    @GetMapping("/export")
    @Operation(summary = "A published version (latest by default) as roadmap Markdown or the JSON model",
            responses = {@ApiResponse(responseCode = "200", description = "the document"),
                    @ApiResponse(responseCode = "404", description = "no such version"),
                    @ApiResponse(responseCode = "422", description = "unknown format")})
    ResponseEntity<String> export(@PathVariable String trackId,
                                  @RequestParam(defaultValue = "markdown") String format,
                                  @RequestParam(required = false) Integer version) {
        TrackRelease release = version == null
                ? catalog.track(trackId)
                        .orElseThrow(() -> new NotFoundException("No published track '" + trackId + "'"))
                : release(trackId, version);
        return TrackExport.export(release.content(), format, trackId + "-v" + release.version(), json);
    }

    private TrackRelease release(String trackId, int version) {
        return catalog.version(trackId, version)
                .orElseThrow(() -> new NotFoundException("No version " + version + " of track '" + trackId + "'"));
    }
}
