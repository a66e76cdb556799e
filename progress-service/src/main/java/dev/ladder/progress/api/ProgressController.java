package dev.ladder.progress.api;

import dev.ladder.kit.security.Caller;
import dev.ladder.progress.readiness.ProgressQueries;
import dev.ladder.progress.readiness.ProgressView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

@RestController
@RequestMapping("/api/progress")
class ProgressController {

    private final ProgressQueries queries;

    ProgressController(ProgressQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/me")
    @Operation(summary = "My level and readiness for the next one, now or as of a past date")
    ProgressView mine(@Parameter(description = "evaluate the history effective on or before this day (yyyy-MM-dd) "
            + "against the catalog version in force then") @RequestParam(required = false)
                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return ProgressView.of(queries.mine(Caller.current(), asOf), asOf);
    }

    @GetMapping("/employees/{employeeId}")
    @Operation(summary = "An employee's level and readiness, now or as of a past date (themselves, their team's "
            + "manager, or an admin)")
    ProgressView employee(@PathVariable String employeeId,
                          @Parameter(description = "as for /me") @RequestParam(required = false)
                          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return ProgressView.of(queries.of(employeeId, Caller.current(), asOf), asOf);
    }
}
