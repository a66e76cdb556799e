package dev.ladder.progress.timeline;

import dev.ladder.kit.security.Caller;
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
class TimelineController {

    private final TimelineService timelines;

    TimelineController(TimelineService timelines) {
        this.timelines = timelines;
    }

    @GetMapping("/me/timeline")
    @Operation(summary = "My readiness and level over time: a point per day something changed, and what changed it "
            + "(default: the last 12 months; at most 731 days)")
    Timeline mine(@Parameter(description = "first day (yyyy-MM-dd); default: 12 months before 'to'")
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @Parameter(description = "last day (yyyy-MM-dd), not after today; default: today")
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return timelines.mine(Caller.current(), from, to);
    }

    @GetMapping("/employees/{employeeId}/timeline")
    @Operation(summary = "An employee's readiness and level over time (themselves, their team's manager or deputy, "
            + "or an admin)")
    Timeline employee(@PathVariable String employeeId,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return timelines.of(employeeId, Caller.current(), from, to);
    }
}
