package dev.ladder.progress.impact;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

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
            + "now (admin); changes nothing")
    // @Valid: the size limits of every list of the draft (DraftLimits); too large → 400 naming the list
    List<ImpactPreview.Impact> preview(@Valid @RequestBody CatalogVersionPublished draft) {
        return preview.of(draft);
    }
}
