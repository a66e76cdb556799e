package dev.ladder.profile.experience;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import dev.ladder.profile.evidence.WithdrawalReason;
import dev.ladder.profile.http.Preconditions;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.UUID;

@RestController
@RequestMapping("/api/profiles/me/experience")
class ExperienceController {

    private final ExperienceService experience;

    ExperienceController(ExperienceService experience) {
        this.experience = experience;
    }

    @Operation(summary = "Add a period of relevant prior experience; emits ExperienceRecorded")
    @PostMapping
    ResponseEntity<ExperienceView> add(@Valid @RequestBody ExperienceRequest request) {
        ExperienceView added = experience.add(Caller.current(), request);
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/profiles/me/experience/{id}")
                .build(added.id())).eTag(Preconditions.etag(added.version())).body(added);
    }

    @Operation(summary = "The caller's periods of experience, latest start first (paged)")
    @GetMapping
    Page<ExperienceView> mine(@RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return experience.mine(Caller.current(), page, size);
    }

    @Operation(summary = "One period (ETag for corrections)")
    @GetMapping("/{id}")
    ResponseEntity<ExperienceView> one(@PathVariable UUID id) {
        ExperienceView period = experience.mine(Caller.current(), id);
        return ResponseEntity.ok().eTag(Preconditions.etag(period.version())).body(period);
    }

    @Operation(summary = "Correct a period (If-Match); emits ExperienceRecorded with the same experienceId")
    @PutMapping("/{id}")
    ResponseEntity<ExperienceView> correct(@PathVariable UUID id,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody ExperienceRequest request) {
        ExperienceView period = experience.correct(Caller.current(), id, ifMatch, request);
        return ResponseEntity.ok().eTag(Preconditions.etag(period.version())).body(period);
    }

    @Operation(summary = "Withdraw a period with an optional reason (query parameter or JSON body {reason}, at most "
            + "500 characters) kept in the audit entry; emits ExperienceWithdrawn")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> withdraw(@PathVariable UUID id, @RequestParam(required = false) String reason,
                                  @RequestBody(required = false) WithdrawalReason body) {
        experience.withdraw(Caller.current(), id, WithdrawalReason.of(reason, body));
        return ResponseEntity.noContent().build();
    }
}
