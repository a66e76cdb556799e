package dev.ladder.profile.verification;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import dev.ladder.profile.certification.CertificationView;
import dev.ladder.profile.skill.AssessmentView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/profiles/verification")
class VerificationController {

    private final VerificationService verification;

    VerificationController(VerificationService verification) {
        this.verification = verification;
    }

    @Operation(summary = "Pending claims of the caller's reports (manager or deputy; admin: everyone's), oldest first")
    @GetMapping("/queue")
    Page<QueueItem> queue(@RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return verification.queue(Caller.current(), page, size);
    }

    @Operation(summary = "Verify a pending certification claim; emits CertificationVerified")
    @PostMapping("/certifications/{id}/verify")
    CertificationView verify(@PathVariable UUID id) {
        return verification.verifyCertification(Caller.current(), id);
    }

    @Operation(summary = "Reject a pending certification claim with a reason; emits CertificationRejected")
    @PostMapping("/certifications/{id}/reject")
    CertificationView reject(@PathVariable UUID id, @Valid @RequestBody RejectRequest request) {
        return verification.rejectCertification(Caller.current(), id, request.reason());
    }

    @Operation(summary = "Confirm a self-assessed skill at a proficiency (default: the self-assessed one); "
            + "emits SkillAssessed (source MANAGER)")
    @PostMapping("/skills/{id}/verify")
    AssessmentView verifySkill(@PathVariable UUID id,
                               @Valid @RequestBody(required = false) ConfirmSkillRequest request) {
        return verification.verifySkill(Caller.current(), id, request == null ? null : request.proficiency());
    }
}
