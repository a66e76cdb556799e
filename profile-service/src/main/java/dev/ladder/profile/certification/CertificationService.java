package dev.ladder.profile.certification;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.kit.outbox.Outbox;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ConflictException;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.Page;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.profile.audit.AuditLog;
import dev.ladder.profile.catalog.CatalogCertification;
import dev.ladder.profile.catalog.LocalCatalog;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeService;
import dev.ladder.profile.evidence.Reports;
import dev.ladder.profile.evidence.Problems;
import dev.ladder.profile.http.Preconditions;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Certification claims: recording, editing, withdrawing, evidence, and the manager's decision. Every check runs
 * before anything is written and any failure rolls the whole transaction back, so bad input leaves neither a row
 * nor an outbox event behind.
 */
@Service
public class CertificationService {

    private final CertificationRepository records;
    private final LocalCatalog catalog;
    private final Reports reports;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    CertificationService(CertificationRepository records, LocalCatalog catalog, Reports reports, Outbox outbox,
                         AuditLog audit, Clock clock) {
        this.records = records;
        this.catalog = catalog;
        this.reports = reports;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records the caller's claim (PENDING) and announces it (source SELF) in the same transaction. */
    @Transactional
    public CertificationView record(Caller caller, RecordCertificationRequest request) {
        String certificationId = request.certificationId().strip();
        String credentialId = request.credentialId().strip();
        String issuer = blankToNull(request.issuer());

        List<FieldProblem> problems = new ArrayList<>();
        Optional<CatalogCertification> certification = catalog.certification(certificationId);
        if (certification.isEmpty()) {
            problems.add(new FieldProblem("certificationId", "unknown certification '" + certificationId + "'"));
        }
        checkExpiry(request.issuedOn(), request.expiresOn(), problems);
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        LocalDate expiresOn = expiresOn(certification.get(), request.issuedOn(), request.expiresOn());

        Employee employee = reports.self(caller);
        if (records.exists(employee.id(), certificationId, credentialId, null)) {
            throw duplicate(certificationId, credentialId);
        }
        Instant now = now();
        CertificationView record = new CertificationView(UUID.randomUUID(), employee.id(), certificationId,
                certification.get().name(), credentialId, issuer, request.issuedOn(), expiresOn, now,
                ClaimState.PENDING, null, null, null, 1, now, null, null, null);
        try {
            records.insert(record);
        } catch (DuplicateKeyException raced) {
            // a concurrent request recorded the same credential between the check and the insert
            throw duplicate(certificationId, credentialId);
        }
        announce(records.find(employee.id(), record.id()).orElseThrow(), now);
        return view(employee, record.id());
    }

    /** New details for the caller's claim (If-Match); a verified or rejected claim goes back to PENDING. */
    @Transactional
    public CertificationView edit(Caller caller, UUID id, String ifMatch, EditCertificationRequest request) {
        Employee employee = reports.self(caller);
        CertificationView claim = ownLocked(employee, id);
        Preconditions.check(ifMatch, claim.version());
        if (claim.state() == ClaimState.WITHDRAWN) {
            throw new ConflictException("Certification claim " + id + " was withdrawn; record it again instead");
        }
        List<FieldProblem> problems = new ArrayList<>();
        Optional<CatalogCertification> certification = catalog.certification(claim.certificationId());
        if (certification.isEmpty()) {
            problems.add(new FieldProblem("certificationId",
                    "the catalog no longer offers '" + claim.certificationId() + "'"));
        }
        checkExpiry(request.issuedOn(), request.expiresOn(), problems);
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        String credentialId = request.credentialId().strip();
        if (records.exists(employee.id(), claim.certificationId(), credentialId, id)) {
            throw duplicate(claim.certificationId(), credentialId);
        }
        LocalDate expiresOn = expiresOn(certification.get(), request.issuedOn(), request.expiresOn());
        Instant now = now();
        try {
            records.edit(id, credentialId, blankToNull(request.issuer()), request.issuedOn(), expiresOn, now);
        } catch (DuplicateKeyException raced) {
            throw duplicate(claim.certificationId(), credentialId);
        }
        announce(records.find(employee.id(), id).orElseThrow(), now);
        return view(employee, id);
    }

    /**
     * The caller takes back their claim: kept and shown as WITHDRAWN (with the reason, if they gave one, as the
     * claim's {@code reason}), announced as CertificationWithdrawn (its {@code reason} too) and audited
     * ({@code certification.withdrawn}, the reason in the entry's {@code reason}).
     */
    @Transactional
    public CertificationView withdraw(Caller caller, UUID id, String reason) {
        Employee employee = reports.self(caller);
        CertificationView claim = ownLocked(employee, id);
        if (claim.state() == ClaimState.WITHDRAWN) {
            throw new ConflictException("Certification claim " + id + " is already withdrawn");
        }
        String why = blankToNull(reason);
        Instant now = now();
        records.decide(id, ClaimState.WITHDRAWN, why, employee.id(), now);
        outbox.append(Topics.ACHIEVEMENTS, employee.id(), new CertificationWithdrawn(id.toString(), employee.id(),
                claim.certificationId(), employee.id(), why, now));
        CertificationView withdrawn = view(employee, id);
        audit.record(EmployeeService.actor(employee), "certification.withdrawn", employee.id(), employee.teamId(),
                claim, withdrawn, why);
        return withdrawn;
    }

    /**
     * Stores an evidence file (replacing any earlier one). The type is what the content's magic bytes say;
     * more than 5 MB → 413, neither PDF, PNG nor JPEG → 415. A decided claim goes back to PENDING.
     */
    @Transactional
    public CertificationView attachFile(Caller caller, UUID id, byte[] content, String originalFilename) {
        if (content.length == 0) {
            throw Problems.badRequest(List.of(new FieldProblem("file", "must not be empty")));
        }
        if (content.length > EvidenceFiles.MAX_BYTES) {
            throw tooLarge();
        }
        String type = EvidenceFiles.detect(content).orElseThrow(() -> Problems.of(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported evidence type",
                "Evidence must be a PDF, PNG or JPEG file (judged by its content, not its name or declared type)."));
        Employee employee = reports.self(caller);
        CertificationView claim = changeableEvidence(employee, id);
        Instant now = now();
        records.storeFile(id, content, sha256(content), type, EvidenceFiles.sanitize(originalFilename, type),
                employee.id(), now);
        evidenceChanged(employee, claim, claim.verificationUrl(), now);
        return view(employee, id);
    }

    /** Stores where the issuer shows the credential (https, never fetched). A decided claim goes back to PENDING. */
    @Transactional
    public CertificationView attachUrl(Caller caller, UUID id, String verificationUrl) {
        Employee employee = reports.self(caller);
        CertificationView claim = changeableEvidence(employee, id);
        evidenceChanged(employee, claim, verificationUrl.strip(), now());
        return view(employee, id);
    }

    /**
     * The evidence file of an employee's claim ({@code employeeId} null: the caller's own): for the employee, their
     * manager or deputy, and admins; anyone else gets 404, as for an unknown id.
     */
    @Transactional
    public EvidenceContent evidence(Caller caller, String employeeId, UUID id) {
        Employee employee = employeeId == null ? reports.self(caller) : reports.readable(caller, employeeId);
        records.find(employee.id(), id).orElseThrow(() -> unknown(id));
        return records.file(id).orElseThrow(() -> new NotFoundException("Certification claim " + id
                + " has no evidence file"));
    }

    /** The caller's claims, newest first; a caller seen for the first time is registered (and has none). */
    @Transactional
    public Page<CertificationView> mine(Caller caller, int page, int size) {
        return list(reports.self(caller), page, size);
    }

    @Transactional
    public CertificationView mine(Caller caller, UUID id) {
        return view(reports.self(caller), id);
    }

    /**
     * Readable by the employee, whoever manages their team, and admins; anyone else gets the 404 an unknown
     * employee gets (it used to be a 403, which told a colleague that the id exists).
     */
    @Transactional
    public Page<CertificationView> of(Caller caller, String employeeId, int page, int size) {
        return list(reports.readable(caller, employeeId), page, size);
    }

    /** The one place the default expiry is computed: issuedOn + the catalog's renewal period, if it has one. */
    @Transactional(readOnly = true)
    public DefaultExpiryView defaultExpiry(String certificationId, LocalDate issuedOn) {
        CatalogCertification certification = catalog.certification(certificationId)
                .orElseThrow(() -> new NotFoundException("No certification '" + certificationId + "' in the catalog"));
        return new DefaultExpiryView(certification.id(), issuedOn, certification.renewalMonths(),
                expiresOn(certification, issuedOn, null));
    }

    // ----- decisions (verification) -----------------------------------------------------------------------------

    /** A manager (of the claimant's team, or deputy) or an admin confirms a pending claim. */
    @Transactional
    public CertificationView verify(Caller caller, UUID id) {
        Employee reviewer = reports.self(caller);
        CertificationView claim = decidable(caller, reviewer, id);
        Instant now = now();
        records.decide(id, ClaimState.VERIFIED, null, reviewer.id(), now);
        outbox.append(Topics.ACHIEVEMENTS, claim.employeeId(), new CertificationVerified(id.toString(),
                claim.employeeId(), claim.certificationId(), reviewer.id(), now));
        return withPolicy(reports.employee(claim.employeeId()), records.find(claim.employeeId(), id).orElseThrow());
    }

    /** A manager or admin rejects a pending claim, with a reason the employee sees. */
    @Transactional
    public CertificationView reject(Caller caller, UUID id, String reason) {
        Employee reviewer = reports.self(caller);
        CertificationView claim = decidable(caller, reviewer, id);
        Instant now = now();
        records.decide(id, ClaimState.REJECTED, reason.strip(), reviewer.id(), now);
        outbox.append(Topics.ACHIEVEMENTS, claim.employeeId(), new CertificationRejected(id.toString(),
                claim.employeeId(), claim.certificationId(), reviewer.id(), reason.strip(), now));
        return withPolicy(reports.employee(claim.employeeId()), records.find(claim.employeeId(), id).orElseThrow());
    }

    /**
     * The claim if the reviewer may decide it. Someone else's claim they may not decide is 404 exactly as an unknown
     * claim id (the same body), so a reviewer cannot probe which claims exist; their own claim, which they can see,
     * is a 403: nobody verifies their own claim.
     */
    private CertificationView decidable(Caller caller, Employee reviewer, UUID id) {
        CertificationView claim = records.lock(id).orElseThrow(() -> unknown(id));
        if (claim.employeeId().equals(reviewer.id())) {
            throw new ForbiddenException("Nobody verifies their own claim");
        }
        if (!reports.decidable(caller, reviewer, claim.employeeId())) {
            throw unknown(id);
        }
        if (claim.state() != ClaimState.PENDING) {
            throw new ConflictException("Certification claim " + id + " is " + claim.state()
                    + ", not pending: it was already decided");
        }
        return claim;
    }

    // ------------------------------------------------------------------------------------------------------------

    private CertificationView changeableEvidence(Employee employee, UUID id) {
        CertificationView claim = ownLocked(employee, id);
        if (claim.state() == ClaimState.WITHDRAWN) {
            throw new ConflictException("Certification claim " + id + " was withdrawn");
        }
        return claim;
    }

    private void evidenceChanged(Employee employee, CertificationView claim, String verificationUrl, Instant now) {
        records.evidenceChanged(claim.id(), verificationUrl, now);
        if (claim.state() != ClaimState.PENDING) {
            // back to pending: the correction tells consumers the claim stands again, unverified
            announce(records.find(employee.id(), claim.id()).orElseThrow(), now);
        }
    }

    private CertificationView ownLocked(Employee employee, UUID id) {
        return records.lock(id).filter(c -> c.employeeId().equals(employee.id())).orElseThrow(() -> unknown(id));
    }

    private void announce(CertificationView claim, Instant now) {
        outbox.append(Topics.ACHIEVEMENTS, claim.employeeId(), new CertificationRecorded(claim.id().toString(),
                claim.employeeId(), claim.certificationId(), claim.credentialId(), claim.issuer(), claim.issuedOn(),
                claim.expiresOn(), now, CertificationRecorded.Source.SELF));
    }

    private CertificationView view(Employee employee, UUID id) {
        return withPolicy(employee, records.find(employee.id(), id).orElseThrow(() -> unknown(id)));
    }

    private Page<CertificationView> list(Employee employee, int page, int size) {
        boolean counts = catalog.policy(employee.trackId()).unverifiedCertificationsCount();
        List<CertificationView> items = records.byEmployee(employee.id(), size, (long) page * size).stream()
                .map(c -> c.withPolicy(counts)).toList();
        return new Page<>(items, page, size, records.countByEmployee(employee.id()));
    }

    private CertificationView withPolicy(Employee employee, CertificationView claim) {
        return claim.withPolicy(catalog.policy(employee.trackId()).unverifiedCertificationsCount());
    }

    private static LocalDate expiresOn(CatalogCertification certification, LocalDate issuedOn, LocalDate typed) {
        if (typed != null || certification.renewalMonths() == null || issuedOn == null) {
            return typed;
        }
        return issuedOn.plusMonths(certification.renewalMonths());
    }

    private static void checkExpiry(LocalDate issuedOn, LocalDate expiresOn, List<FieldProblem> problems) {
        if (expiresOn != null && expiresOn.isBefore(issuedOn)) {
            problems.add(new FieldProblem("expiresOn", "must not be before issuedOn (" + issuedOn + ")"));
        }
    }

    static org.springframework.web.ErrorResponseException tooLarge() {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Evidence too large",
                "Evidence files may be at most 5 MB (" + EvidenceFiles.MAX_BYTES + " bytes).");
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Unknown, someone else's (for /me/…), or not the reviewer's to decide: one answer, naming no id. */
    private static NotFoundException unknown(UUID id) {
        return new NotFoundException("No such certification claim among those you may see.");
    }

    private static ConflictException duplicate(String certificationId, String credentialId) {
        return new ConflictException("Certification '" + certificationId + "' with credential '" + credentialId
                + "' is already recorded");
    }
}
