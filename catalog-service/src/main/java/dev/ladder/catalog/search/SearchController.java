package dev.ladder.catalog.search;

import dev.ladder.catalog.release.CatalogETags;
import dev.ladder.catalog.release.CatalogReader;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.util.Locale;

import static dev.ladder.catalog.http.ConditionalGet.conditional;

/** Search across the latest published version of every track; cacheable like the track list it scans. */
@RestController
@RequestMapping("/api/catalog")
@Tag(name = "catalog", description = "Published career tracks, levels and certifications")
class SearchController {

    private final CatalogReader catalog;

    SearchController(CatalogReader catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/search")
    @Operation(summary = "Search tracks, levels, skills and certifications by name, a page of hits at a time "
            + "(page from 0; size 1-200, default 50)",
            responses = {@ApiResponse(responseCode = "200", description = "a page of hits"),
                    @ApiResponse(responseCode = "304", description = "not modified"),
                    @ApiResponse(responseCode = "400", description = "q missing or too short; page or size out of "
                            + "range")})
    ResponseEntity<Page<CatalogSearch.Hit>> search(@RequestParam @NotBlank @Size(min = 2, max = 100) String q,
                                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                                   @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE)
                                                   int size,
                                                   WebRequest request) {
        // the query is anybody's text (line breaks, any script): the tag names it by a digest, so it is always a
        // valid header value (a raw query with CR/LF made Tomcat refuse the header: a 500)
        String etag = CatalogETags.tracks("search-" + CatalogETags.digest(q.strip().toLowerCase(Locale.ROOT))
                + "-p" + page + "-s" + size, catalog.tracks());
        // the hits come from the snapshots in memory (the latest version of each track, each bounded by TrackLimits):
        // the page is cut from them, and only the page is serialised
        return conditional(request, etag,
                () -> Page.of(CatalogSearch.search(catalog.latestReleases(), q), page, size));
    }
}
