package dev.ladder.catalog.release;

import dev.ladder.catalog.track.TrackContent;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.util.function.Function;

import static dev.ladder.catalog.http.ConditionalGet.CACHE;
import static dev.ladder.catalog.http.ConditionalGet.conditional;
import static dev.ladder.catalog.http.ConditionalGet.notModified;
import static dev.ladder.catalog.http.ConditionalGet.notModifiedResponse;

/**
 * Published catalog for any signed-in user, cacheable by {@link CatalogETags} (derived from version numbers alone,
 * so a revalidation costs one small query instead of loading and serialising the snapshot).
 */
@RestController
@RequestMapping("/api/catalog")
@Tag(name = "catalog", description = "Published career tracks, levels and certifications")
class CatalogController {

    private final CatalogReader catalog;

    CatalogController(CatalogReader catalog) {
        this.catalog = catalog;
    }

    record TrackSummary(String id, String name, int latestVersion) {
    }

    record CertificationSummary(String id, String name, String pathwayYears, Integer renewalMonths) {
    }

    @GetMapping("/tracks")
    @Operation(summary = "Tracks with their latest published version, by name, a page at a time (page from 0; "
            + "size 1-200, default 50)", responses = {
            @ApiResponse(responseCode = "200", description = "a page of tracks"),
            @ApiResponse(responseCode = "304", description = "not modified (If-None-Match)"),
            @ApiResponse(responseCode = "400", description = "page or size out of range"),
            @ApiResponse(responseCode = "401", description = "not signed in")})
    ResponseEntity<Page<TrackSummary>> tracks(@RequestParam(defaultValue = "0") @Min(0) int page,
                                              @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1)
                                              @Max(Page.MAX_SIZE) int size,
                                              WebRequest request) {
        // each page has a tag of its own (a cached first page is no answer for the second); the page is cut in SQL
        return conditional(request, CatalogETags.tracks(pageView("tracks", page, size), catalog.tracks()),
                () -> map(catalog.tracks(page, size), t -> new TrackSummary(t.id(), t.name(), t.latestVersion())));
    }

    @GetMapping("/tracks/{trackId}")
    @Operation(summary = "The latest published version of a track: levels, salary bands, KPIs, requirements and "
            + "every descriptive section of the roadmap", responses = {
            @ApiResponse(responseCode = "200", description = "the track"),
            @ApiResponse(responseCode = "304", description = "not modified (If-None-Match)"),
            @ApiResponse(responseCode = "401", description = "not signed in"),
            @ApiResponse(responseCode = "404", description = "no published track")})
    ResponseEntity<TrackRelease> track(@PathVariable String trackId, WebRequest request) {
        int version = catalog.latestVersion(trackId).orElseThrow(() -> unknownTrack(trackId));
        if (notModified(request, CatalogETags.track(trackId, version))) {
            return notModifiedResponse(CatalogETags.track(trackId, version));
        }
        // tagged by the version actually loaded, in case a newer one was published in between
        TrackRelease release = catalog.track(trackId).orElseThrow(() -> unknownTrack(trackId));
        return ResponseEntity.ok().eTag(CatalogETags.track(trackId, release.version())).cacheControl(CACHE)
                .body(release);
    }

    @GetMapping("/certifications")
    @Operation(summary = "Certifications of all tracks, in pathway order, a page at a time (page from 0; size 1-200, "
            + "default 50)", responses = {
            @ApiResponse(responseCode = "200", description = "a page of certifications"),
            @ApiResponse(responseCode = "304", description = "not modified (If-None-Match)"),
            @ApiResponse(responseCode = "400", description = "page or size out of range"),
            @ApiResponse(responseCode = "401", description = "not signed in")})
    ResponseEntity<Page<CertificationSummary>> certifications(@RequestParam(defaultValue = "0") @Min(0) int page,
                                                              @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE)
                                                              @Min(1) @Max(Page.MAX_SIZE) int size,
                                                              WebRequest request) {
        return conditional(request, CatalogETags.tracks(pageView("certifications", page, size), catalog.tracks()),
                () -> map(catalog.certifications(page, size), CatalogController::summary));
    }

    /** The name of one page of a list view in its ETag. */
    private static String pageView(String view, int page, int size) {
        return view + "-p" + page + "-s" + size;
    }

    private static <T, R> Page<R> map(Page<T> page, Function<T, R> mapping) {
        return new Page<>(page.items().stream().map(mapping).toList(), page.page(), page.size(), page.total());
    }

    private static CertificationSummary summary(TrackContent.Certification c) {
        return new CertificationSummary(c.id(), c.name(), c.pathwayYears(), c.renewalMonths());
    }

    private static NotFoundException unknownTrack(String trackId) {
        return new NotFoundException("No published track '" + trackId + "'");
    }
}
