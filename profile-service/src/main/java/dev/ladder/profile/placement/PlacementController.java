package dev.ladder.profile.placement;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/profiles")
class PlacementController {

    private final PlacementService placements;

    PlacementController(PlacementService placements) {
        this.placements = placements;
    }

    @Operation(summary = "Place a person at a level of a track (admin); emits LevelPlaced")
    @PostMapping("/admin/people/{id}/placements")
    ResponseEntity<Placement> place(@PathVariable String id, @Valid @RequestBody PlacementRequest request) {
        Placement placed = placements.place(Caller.current(), id, request);
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/profiles/{id}/placements")
                .build(placed.employeeId())).body(placed);
    }

    @Operation(summary = "A person's placements, newest first, paged (the person, their manager or deputy, admin; "
            + "anyone else: 404 as for an unknown id)")
    @GetMapping("/{id}/placements")
    Page<Placement> of(@PathVariable String id, @RequestParam(defaultValue = "0") @Min(0) int page,
                       @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return placements.of(Caller.current(), id, page, size);
    }
}
