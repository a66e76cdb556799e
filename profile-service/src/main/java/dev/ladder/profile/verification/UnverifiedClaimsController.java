package dev.ladder.profile.verification;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
class UnverifiedClaimsController {

    private final UnverifiedClaims claims;

    UnverifiedClaimsController(UnverifiedClaims claims) {
        this.claims = claims;
    }

    @Operation(summary = "Pending (unverified) certification claims and self-assessed skills per team and track, "
            + "active people only (admin)")
    @GetMapping("/api/profiles/verification/unverified-counts")
    List<UnverifiedClaims.Count> counts() {
        return claims.byTeamAndTrack(Caller.current());
    }
}
