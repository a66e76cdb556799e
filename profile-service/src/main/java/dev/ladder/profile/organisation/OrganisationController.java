package dev.ladder.profile.organisation;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import dev.ladder.profile.audit.AuditEntry;
import dev.ladder.profile.http.Preconditions;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/** The organisation API: teams and people for admins, a person for who may see them, the audit trail. */
@RestController
@RequestMapping("/api/profiles")
class OrganisationController {

    private final TeamAdministration teams;
    private final PeopleAdministration people;
    private final AuditQueries audit;

    OrganisationController(TeamAdministration teams, PeopleAdministration people, AuditQueries audit) {
        this.teams = teams;
        this.people = people;
        this.audit = audit;
    }

    // ----- teams -------------------------------------------------------------------------------------------------

    @Operation(summary = "Teams, paged (admin)")
    @GetMapping("/admin/teams")
    Page<TeamDetails> teams(@RequestParam(defaultValue = "false") boolean includeRetired,
                            @RequestParam(defaultValue = "0") @Min(0) int page,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return teams.list(Caller.current(), includeRetired, page, size);
    }

    @Operation(summary = "One team, with its ETag (admin)")
    @GetMapping("/admin/teams/{id}")
    ResponseEntity<TeamDetails> team(@PathVariable String id) {
        return withEtag(HttpStatus.OK, teams.get(Caller.current(), id));
    }

    @Operation(summary = "Create a team (admin)")
    @PostMapping("/admin/teams")
    ResponseEntity<TeamDetails> createTeam(@Valid @RequestBody NewTeamRequest request) {
        TeamDetails created = teams.create(Caller.current(), request);
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/profiles/admin/teams/{id}")
                .build(created.id())).eTag(Preconditions.etag(created.version())).body(created);
    }

    @Operation(summary = "Rename a team, set or clear its manager and deputy (admin; If-Match)")
    @PutMapping("/admin/teams/{id}")
    ResponseEntity<TeamDetails> updateTeam(@PathVariable String id,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody TeamRequest request) {
        return withEtag(HttpStatus.OK, teams.update(Caller.current(), id, ifMatch, request));
    }

    @Operation(summary = "Retire an empty team; its history stays (admin; If-Match)")
    @PostMapping("/admin/teams/{id}/retire")
    ResponseEntity<TeamDetails> retireTeam(@PathVariable String id,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(HttpStatus.OK, teams.retire(Caller.current(), id, ifMatch));
    }

    // ----- people ------------------------------------------------------------------------------------------------

    @Operation(summary = "People, paged, by team, unplaced only, text in name or e-mail (admin)")
    @GetMapping("/admin/people")
    Page<PersonDetails> people(@RequestParam(required = false) String teamId,
                               @RequestParam(defaultValue = "false") boolean unplaced,
                               @RequestParam(required = false) String q,
                               @RequestParam(defaultValue = "false") boolean includeRetired,
                               @RequestParam(defaultValue = "0") @Min(0) int page,
                               @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return people.list(Caller.current(), teamId, unplaced, q, includeRetired, page, size);
    }

    @Operation(summary = "Provision a person who has not signed in yet (admin, HR feed)")
    @PostMapping("/admin/people")
    ResponseEntity<PersonDetails> provision(@Valid @RequestBody ProvisionRequest request) {
        PersonDetails created = people.provision(Caller.current(), request);
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/profiles/people/{id}")
                .build(created.id())).eTag(Preconditions.etag(created.version())).body(created);
    }

    @Operation(summary = "Replace a person's organisation attributes (admin; If-Match)")
    @PutMapping("/admin/people/{id}")
    ResponseEntity<PersonDetails> update(@PathVariable String id,
                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                         @Valid @RequestBody PersonRequest request) {
        return withEtag(HttpStatus.OK, people.update(Caller.current(), id, ifMatch, request));
    }

    @Operation(summary = "Retire a person; their history stays (admin; If-Match)")
    @PostMapping("/admin/people/{id}/retire")
    ResponseEntity<PersonDetails> retire(@PathVariable String id,
                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(HttpStatus.OK, people.retire(Caller.current(), id, ifMatch));
    }

    @Operation(summary = "A person, with their ETag (themselves, their manager or deputy, admin)")
    @GetMapping("/people/{id}")
    ResponseEntity<PersonDetails> person(@PathVariable String id) {
        return withEtag(HttpStatus.OK, people.get(Caller.current(), id));
    }

    @Operation(summary = "Move a report to another track (their manager or deputy, admin; If-Match)")
    @PutMapping("/people/{id}/track")
    ResponseEntity<PersonDetails> moveTrack(@PathVariable String id,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody TrackMoveRequest request) {
        return withEtag(HttpStatus.OK, people.moveTrack(Caller.current(), id, ifMatch, request));
    }

    // ----- audit -------------------------------------------------------------------------------------------------

    @Operation(summary = "The organisation's audit trail, newest first, by employee or team (admin)")
    @GetMapping("/admin/audit")
    Page<AuditEntry> audit(@RequestParam(required = false) String employeeId,
                           @RequestParam(required = false) String teamId,
                           @RequestParam(defaultValue = "0") @Min(0) int page,
                           @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return audit.all(Caller.current(), employeeId, teamId, page, size);
    }

    @Operation(summary = "The audit entries about the caller, newest first")
    @GetMapping("/me/audit")
    Page<AuditEntry> myAudit(@RequestParam(defaultValue = "0") @Min(0) int page,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return audit.mine(Caller.current(), page, size);
    }

    private static <T> ResponseEntity<T> withEtag(HttpStatus status, T body) {
        long version = body instanceof TeamDetails t ? t.version() : ((PersonDetails) body).version();
        return ResponseEntity.status(status).eTag(Preconditions.etag(version)).body(body);
    }
}
