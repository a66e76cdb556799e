package dev.ladder.profile.gdpr;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Map;

/** GDPR: the caller's personal data (Art. 15/20) and erasures (Art. 17, admin). */
@RestController
@RequestMapping("/api/profiles")
class PersonalDataController {

    private final PersonalDataExport export;
    private final Erasures erasures;

    PersonalDataController(PersonalDataExport export, Erasures erasures) {
        this.export = export;
        this.erasures = erasures;
    }

    @Operation(summary = "Everything profile-service holds about the caller, evidence content included (GDPR Art. 15/20)")
    @GetMapping("/me/personal-data")
    Map<String, Object> personalData() {
        return export.export(Caller.current());
    }

    @Operation(summary = "Erase a person: delete or anonymise everything about them, then purge the topics (admin; "
            + "GDPR Art. 17)")
    @PostMapping("/admin/erasures")
    ResponseEntity<ErasureView> erase(@Valid @RequestBody EraseRequest request) {
        ErasureView erasure = erasures.erase(Caller.current(), request);
        return ResponseEntity.accepted().location(UriComponentsBuilder
                .fromPath("/api/profiles/admin/erasures/{id}").build(erasure.erasureId())).body(erasure);
    }

    @Operation(summary = "An erasure's status: ERASED_HERE, PURGE_PENDING (with the consumer groups the topic purge "
            + "waits for), TOPICS_PURGED (admin)")
    @GetMapping("/admin/erasures/{erasureId}")
    ErasureView erasure(@PathVariable String erasureId) {
        return erasures.status(Caller.current(), erasureId);
    }
}
