package dev.ladder.catalog.privacy;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/catalog")
@Tag(name = "catalog-privacy", description = "The caller's personal data (GDPR)")
class PersonalDataController {

    private final PersonalDataExport export;

    PersonalDataController(PersonalDataExport export) {
        this.export = export;
    }

    @GetMapping("/me/personal-data")
    @Operation(summary = "Everything catalog-service holds about me (GDPR Art. 15/20): audit entries, drafts I "
            + "authored, versions I published (empty for anyone who never authored the catalog)")
    PersonalData mine() {
        return export.of(Caller.current().id());
    }
}
