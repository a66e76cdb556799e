package dev.ladder.profile.certification;

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

import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/profiles")
class CertificationController {

    private final CertificationService certifications;

    CertificationController(CertificationService certifications) {
        this.certifications = certifications;
    }

    @Operation(summary = "Record a certification the caller holds; emits CertificationRecorded")
    @PostMapping("/me/certifications")
    ResponseEntity<CertificationView> record(@Valid @RequestBody RecordCertificationRequest request) {
        CertificationView recorded = certifications.record(Caller.current(), request);
        // relative on purpose: behind the gateway this service doesn't know the public host
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/profiles/me/certifications/{id}")
                .build(recorded.id())).body(recorded);
    }

    @Operation(summary = "The caller's certifications, newest first")
    @GetMapping("/me/certifications")
    List<CertificationView> mine() {
        return certifications.mine(Caller.current());
    }

    @Operation(summary = "One of the caller's certifications")
    @GetMapping("/me/certifications/{id}")
    CertificationView mine(@PathVariable UUID id) {
        return certifications.mine(Caller.current(), id);
    }

    @Operation(summary = "An employee's certifications (the employee, their manager, or an admin)")
    @GetMapping("/{employeeId}/certifications")
    List<CertificationView> of(@PathVariable String employeeId) {
        return certifications.of(Caller.current(), employeeId);
    }
}
