package dev.ladder.profile.verification;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UnverifiedClaimsController {

    private final UnverifiedClaims claims;

    UnverifiedClaimsController(UnverifiedClaims claims) {
        this.claims = claims;
    }

    @Operation(summary = "Pending (unverified) certification claims and self-assessed skills per team and track, "
            + "active people only (admin); by team id (people in no team last), then track id, a page at a time "
            + "(page from 0; size 1-200, default 50)")
    @GetMapping("/api/profiles/verification/unverified-counts")
    Page<UnverifiedClaims.Count> counts(@RequestParam(defaultValue = "0") @Min(0) int page,
                                        @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return claims.byTeamAndTrack(Caller.current(), page, size);
    }
}
