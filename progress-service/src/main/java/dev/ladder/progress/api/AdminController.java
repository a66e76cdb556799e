package dev.ladder.progress.api;

import dev.ladder.progress.expiry.ExpirySweep;
import dev.ladder.progress.readiness.ProgressHistory;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/progress/admin")
@PreAuthorize("hasRole('admin')")
class AdminController {

    private final ProgressHistory history;
    private final ExpirySweep sweep;

    AdminController(ProgressHistory history, ExpirySweep sweep) {
        this.history = history;
        this.sweep = sweep;
    }

    @PostMapping("/expiry-sweep")
    @Operation(summary = "Run the daily expiry sweep now (admin): re-evaluate everyone for today and announce the "
            + "certification expiry milestones due")
    ExpirySweep.Result expirySweep() {
        return sweep.run();
    }

    /** How many employees the rebuilt projection holds. */
    record Rebuilt(int employees) {
    }

    @PostMapping("/rebuild")
    @Operation(summary = "Rebuild everyone's progress from the ledger (admin); announces no milestones")
    Rebuilt rebuild() {
        return new Rebuilt(history.rebuild());
    }
}
