package dev.ladder.progress.impact;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/progress/admin")
@PreAuthorize("hasRole('admin')")
class ImpactController {

    private final ImpactPreview preview;

    ImpactController(ImpactPreview preview) {
        this.preview = preview;
    }

    @PostMapping("/impact-preview")
    @Operation(summary = "Who would gain or lose (level or readiness) if this draft catalog version were published "
            + "now (admin); changes nothing. How many gain and lose, and the people a page at a time, losses first "
            + "(page from 0; size 1-200, default 50)")
    // @Valid: the size limits of every list of the draft (DraftLimits); too large → 400 naming the list
    ImpactPreview.Impacts preview(@Valid @RequestBody CatalogVersionPublished draft,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return preview.of(draft, page, size);
    }
}
