package dev.ladder.catalog.web;

import dev.ladder.catalog.draft.DraftIndex;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "catalog-authoring")
class DraftsController {

    private final DraftIndex drafts;

    DraftsController(DraftIndex drafts) {
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
