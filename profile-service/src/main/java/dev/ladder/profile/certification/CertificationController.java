package dev.ladder.profile.certification;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import dev.ladder.profile.evidence.WithdrawalReason;
import dev.ladder.profile.http.Preconditions;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/profiles")
class CertificationController {

    static final String TOTAL_COUNT = "X-Total-Count";

    private final CertificationService certifications;

    CertificationController(CertificationService certifications) {
        this.certifications = certifications;
    }

    @Operation(summary = "Claim a certification the caller holds (PENDING); emits CertificationRecorded (source SELF)")
    @PostMapping("/me/certifications")
    ResponseEntity<CertificationView> record(@Valid @RequestBody RecordCertificationRequest request) {
        CertificationView recorded = certifications.record(Caller.current(), request);
        // relative on purpose: behind the gateway this service doesn't know the public host
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/profiles/me/certifications/{id}")
                .build(recorded.id())).eTag(Preconditions.etag(recorded.version())).body(recorded);
    }

    /**
     * A plain array, as the portal has always read it, paged by {@code page}/{@code size} like every list (the size
     * defaults to the maximum so a client that sends neither still gets every claim of all but extreme cases); the
     * total is in {@code X-Total-Count}, the next page in a {@code Link} header (RFC 8288).
     */
    @Operation(summary = "The caller's certification claims with their state, newest first: a JSON array of one page "
            + "(size 1-200, default 200); X-Total-Count and Link rel=next tell the rest")
    @GetMapping("/me/certifications")
    ResponseEntity<List<CertificationView>> mine(@RequestParam(defaultValue = "0") @Min(0) int page,
                                                 @RequestParam(defaultValue = "" + Page.MAX_SIZE) @Min(1)
                                                 @Max(Page.MAX_SIZE) int size) {
        Page<CertificationView> claims = certifications.mine(Caller.current(), page, size);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().header(TOTAL_COUNT, Long.toString(claims.total()));
        if (claims.offset() + claims.items().size() < claims.total()) {
            response.header(HttpHeaders.LINK, "</api/profiles/me/certifications?page=" + (page + 1) + "&size=" + size
                    + ">; rel=\"next\"");
        }
        return response.body(claims.items());
    }

    @Operation(summary = "One of the caller's certification claims (ETag for edits)")
    @GetMapping("/me/certifications/{id}")
    ResponseEntity<CertificationView> mine(@PathVariable UUID id) {
        return withEtag(certifications.mine(Caller.current(), id));
    }

    @Operation(summary = "Edit a claim's details (If-Match); back to PENDING; emits CertificationRecorded (same id)")
    @PutMapping("/me/certifications/{id}")
    ResponseEntity<CertificationView> edit(@PathVariable UUID id,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody EditCertificationRequest request) {
        return withEtag(certifications.edit(Caller.current(), id, ifMatch, request));
    }

    @Operation(summary = "Withdraw a claim (kept, shown as WITHDRAWN) with an optional reason (query parameter or "
            + "JSON body {reason}, at most 500 characters) kept with the claim, in the event and in the audit entry; "
            + "emits CertificationWithdrawn")
    @DeleteMapping("/me/certifications/{id}")
    CertificationView withdraw(@PathVariable UUID id, @RequestParam(required = false) String reason,
                               @RequestBody(required = false) WithdrawalReason body) {
        return certifications.withdraw(Caller.current(), id, WithdrawalReason.of(reason, body));
    }

    @Operation(summary = "Attach an evidence file: PDF, PNG or JPEG (by content) up to 5 MB; replaces any earlier one")
    @PutMapping(path = "/me/certifications/{id}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<CertificationView> attachFile(@PathVariable UUID id, @RequestPart("file") MultipartFile file) {
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withEtag(certifications.attachFile(Caller.current(), id, content, file.getOriginalFilename()));
    }

    @Operation(summary = "Attach a verification URL (https, at most 2000 characters; stored, never fetched)")
    @PutMapping(path = "/me/certifications/{id}/evidence", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CertificationView> attachUrl(@PathVariable UUID id,
                                                @Valid @RequestBody VerificationUrlRequest request) {
        return withEtag(certifications.attachUrl(Caller.current(), id, request.verificationUrl()));
    }

    @Operation(summary = "Download the evidence file of one of the caller's claims")
    @GetMapping("/me/certifications/{id}/evidence")
    ResponseEntity<byte[]> myEvidence(@PathVariable UUID id) {
        Caller caller = Caller.current();
        return download(certifications.evidence(caller, null, id));
    }

    @Operation(summary = "Download the evidence file of an employee's claim (the employee, their manager or deputy, admin)")
    @GetMapping("/{employeeId}/certifications/{id}/evidence")
    ResponseEntity<byte[]> evidence(@PathVariable String employeeId, @PathVariable UUID id) {
        return download(certifications.evidence(Caller.current(), employeeId, id));
    }

    @Operation(summary = "An employee's certifications, paged (the employee, their manager or deputy, or an admin; "
            + "anyone else: 404 as for an unknown id)")
    @GetMapping("/{employeeId}/certifications")
    Page<CertificationView> of(@PathVariable String employeeId,
                               @RequestParam(defaultValue = "0") @Min(0) int page,
                               @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return certifications.of(Caller.current(), employeeId, page, size);
    }

    @Operation(summary = "The expiry a claim gets when none is typed: issuedOn + the catalog's renewal period")
    @GetMapping("/certifications/{certificationId}/default-expiry")
    DefaultExpiryView defaultExpiry(@PathVariable String certificationId,
                                    @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate issuedOn) {
        return certifications.defaultExpiry(certificationId, issuedOn);
    }

    private static ResponseEntity<CertificationView> withEtag(CertificationView view) {
        return ResponseEntity.ok().eTag(Preconditions.etag(view.version())).body(view);
    }

    private static ResponseEntity<byte[]> download(EvidenceContent file) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.filename()).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(file.content());
    }
}
