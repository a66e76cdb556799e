package dev.ladder.progress.whatif;

import dev.ladder.kit.security.Caller;
import dev.ladder.progress.readiness.ProgressView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/progress")
class WhatIfController {

    /** {@code before}: where the employee stands; {@code after}: with the hypothetical achievements. */
    record WhatIfView(String employeeId, ProgressView before, ProgressView after) {
        static WhatIfView of(String employeeId, WhatIf.Outcome outcome) {
            return new WhatIfView(employeeId, ProgressView.of(outcome.before(), null),
                    ProgressView.of(outcome.after(), null));
        }
    }

    private final WhatIf whatIf;

    WhatIfController(WhatIf whatIf) {
        this.whatIf = whatIf;
    }

    @PostMapping("/me/what-if")
    @Operation(summary = "My level and readiness if I had these achievements too; changes nothing")
    WhatIfView mine(@Valid @RequestBody WhatIfRequest request) {
        WhatIf.Outcome outcome = whatIf.mine(request, Caller.current());
        return WhatIfView.of(outcome.before().employeeId(), outcome);
    }

    @PostMapping("/employees/{employeeId}/what-if")
    @Operation(summary = "An employee's level and readiness with hypothetical achievements (themselves, their "
            + "team's manager, or an admin); changes nothing")
    WhatIfView employee(@PathVariable String employeeId, @Valid @RequestBody WhatIfRequest request) {
        return WhatIfView.of(employeeId, whatIf.evaluate(employeeId, request, Caller.current()));
    }
}
