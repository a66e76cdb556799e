package dev.ladder.catalog.search;

import dev.ladder.catalog.release.CatalogETags;
import dev.ladder.catalog.release.CatalogReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.util.List;
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
    @Operation(summary = "Search tracks, levels, skills and certifications by name",
            responses = {@ApiResponse(responseCode = "200", description = "hits"),
                    @ApiResponse(responseCode = "304", description = "not modified"),
                    @ApiResponse(responseCode = "400", description = "q missing or too short")})
    ResponseEntity<List<CatalogSearch.Hit>> search(@RequestParam @NotBlank @Size(min = 2, max = 100) String q,
                                                   WebRequest request) {
        // the query is anybody's text (line breaks, any script): the tag names it by a digest, so it is always a
        // valid header value (a raw query with CR/LF made Tomcat refuse the header: a 500)
        String etag = CatalogETags.tracks("search-" + CatalogETags.digest(q.strip().toLowerCase(Locale.ROOT)),
                catalog.tracks());
        return conditional(request, etag, () -> CatalogSearch.search(catalog.latestReleases(), q));
    }
}
