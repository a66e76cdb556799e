package dev.ladder.catalog.draft;

import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin's list of every editable track ({@link DraftIndex}). */
@RestController
@Tag(name = "catalog-authoring")
class DraftIndexController {

    private final DraftIndex drafts;

    DraftIndexController(DraftIndex drafts) {
        this.drafts = drafts;
    }

    @GetMapping("/api/catalog/drafts")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Every editable track, including imported ones not yet published (admin), by name, a page "
            + "at a time (page from 0; size 1-200, default 50)", responses = {
            @ApiResponse(responseCode = "200", description = "a page of entries, one per track"),
            @ApiResponse(responseCode = "400", description = "page or size out of range"),
            @ApiResponse(responseCode = "403", description = "not an admin")})
    Page<DraftIndex.Entry> drafts(@RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return drafts.page(page, size);
    }
}
