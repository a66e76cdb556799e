package dev.ladder.notification.privacy;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/notifications")
class PersonalDataController {

    private final PersonalDataExport export;

    PersonalDataController(PersonalDataExport export) {
        this.export = export;
    }

    @GetMapping("/me/personal-data")
    @Operation(summary = "Everything notification-service holds about me (GDPR Art. 15/20): feed, preferences, "
            + "delivery settings, webhooks (secrets masked), e-mails to me and their delivery attempts")
    PersonalData mine() {
        return export.of(Caller.current().id());
    }
}
