package dev.ladder.catalog.draft;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

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
    @Operation(summary = "Every editable track, including imported ones not yet published (admin)", responses = {
            @ApiResponse(responseCode = "200", description = "one entry per track"),
            @ApiResponse(responseCode = "403", description = "not an admin")})
    List<DraftIndex.Entry> drafts() {
        return drafts.all();
    }
}
