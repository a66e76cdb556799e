package dev.ladder.profile.placement;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;

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

    @Operation(summary = "A person's placements, newest first (the person, their manager or deputy, admin)")
    @GetMapping("/{id}/placements")
    List<Placement> of(@PathVariable String id) {
        return placements.of(Caller.current(), id);
    }
}
