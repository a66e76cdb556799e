package dev.ladder.progress.privacy;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/progress")
class PersonalDataController {

    private final PersonalDataExport export;

    PersonalDataController(PersonalDataExport export) {
        this.export = export;
    }

    @GetMapping("/me/personal-data")
    @Operation(summary = "Everything progress-service holds about me (GDPR Art. 15/20): projection, ledger entries "
            + "with their payloads, milestones announced, track history")
    PersonalData mine() {
        return export.of(Caller.current());
    }
}
