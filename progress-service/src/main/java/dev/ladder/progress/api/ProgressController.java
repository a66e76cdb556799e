package dev.ladder.progress.api;

import dev.ladder.kit.security.Caller;
import dev.ladder.progress.readiness.ProgressQueries;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/progress")
class ProgressController {

    private final ProgressQueries queries;

    ProgressController(ProgressQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/me")
    @Operation(summary = "My level and readiness for the next one")
    ProgressView mine() {
        return ProgressView.of(queries.mine(Caller.current()));
    }

    @GetMapping("/employees/{employeeId}")
    @Operation(summary = "An employee's level and readiness (themselves, their team's manager, or an admin)")
    ProgressView employee(@PathVariable String employeeId) {
        return ProgressView.of(queries.of(employeeId, Caller.current()));
    }
}
