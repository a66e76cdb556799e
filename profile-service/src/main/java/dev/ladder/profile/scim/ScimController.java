package dev.ladder.profile.scim;

import dev.ladder.kit.security.Caller;
import dev.ladder.profile.audit.Actor;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.ForwardedHeaderUtils;

import java.net.URI;

/**
 * SCIM 2.0 (RFC 7643/7644) for HR systems: Users = people, Groups = teams, and discovery. Only the
 * {@code provisioner} role may call it ({@link ScimSecurity}); every answer is {@code application/scim+json}.
 */
@RestController
@RequestMapping("/scim/v2")
class ScimController {

    private final ScimUsers users;
    private final ScimGroups groups;
    private final ScimDiscovery discovery;

    ScimController(ScimUsers users, ScimGroups groups, ScimDiscovery discovery) {
        this.users = users;
        this.groups = groups;
        this.discovery = discovery;
    }

    // ----- discovery ---------------------------------------------------------------------------------------------

    @Operation(summary = "SCIM: what this service provider supports")
    @GetMapping("/ServiceProviderConfig")
    ResponseEntity<String> serviceProviderConfig(HttpServletRequest request) {
        return ScimJson.respond(HttpStatus.OK, discovery.serviceProviderConfig(base(request)), null);
    }

    @Operation(summary = "SCIM: the resource types (User, Group)")
    @GetMapping("/ResourceTypes")
    ResponseEntity<String> resourceTypes(HttpServletRequest request) {
        return ScimJson.respond(HttpStatus.OK, ScimDiscovery.all(discovery.resourceTypes(base(request))), null);
    }

    @GetMapping("/ResourceTypes/{name}")
    ResponseEntity<String> resourceType(@PathVariable String name, HttpServletRequest request) {
        return ScimJson.respond(HttpStatus.OK, discovery.resourceType(name, base(request)), null);
    }

    @Operation(summary = "SCIM: the schemas, with the attributes Ladder keeps")
    @GetMapping("/Schemas")
    ResponseEntity<String> schemas(HttpServletRequest request) {
        return ScimJson.respond(HttpStatus.OK, ScimDiscovery.all(discovery.schemas(base(request))), null);
    }

    @GetMapping("/Schemas/{id}")
    ResponseEntity<String> schema(@PathVariable String id, HttpServletRequest request) {
        return ScimJson.respond(HttpStatus.OK, discovery.schema(id, base(request)), null);
    }

    // ----- users -------------------------------------------------------------------------------------------------

    @Operation(summary = "SCIM: people, filtered by userName, externalId or emails.value (eq), paged")
    @GetMapping("/Users")
    ResponseEntity<String> users(@RequestParam(required = false) String filter,
                                 @RequestParam(required = false) Integer startIndex,
                                 @RequestParam(required = false) Integer count, HttpServletRequest request) {
        return ScimJson.respond(HttpStatus.OK, users.list(filter, startIndex, count, base(request)), null);
    }

    @Operation(summary = "SCIM: provision a person")
    @PostMapping("/Users")
    ResponseEntity<String> createUser(@RequestBody(required = false) String body, HttpServletRequest request) {
        var user = users.create(actor(), ScimJson.object(body), base(request));
        return ScimJson.created(user, user.getMeta());
    }

    @GetMapping("/Users/{id}")
    ResponseEntity<String> user(@PathVariable String id, HttpServletRequest request) {
        var user = users.get(id, base(request));
        return ScimJson.respond(HttpStatus.OK, user, user.getMeta().getVersion());
    }

    @Operation(summary = "SCIM: replace a person's attributes (If-Match optional)")
    @PutMapping("/Users/{id}")
    ResponseEntity<String> replaceUser(@PathVariable String id,
                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @RequestBody(required = false) String body, HttpServletRequest request) {
        var user = users.replace(actor(), id, ifMatch, ScimJson.object(body), base(request));
        return ScimJson.respond(HttpStatus.OK, user, user.getMeta().getVersion());
    }

    @Operation(summary = "SCIM: change a person (add/replace/remove; active=false retires)")
    @PatchMapping("/Users/{id}")
    ResponseEntity<String> patchUser(@PathVariable String id,
                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @RequestBody(required = false) String body, HttpServletRequest request) {
        var user = users.patch(actor(), id, ifMatch, ScimJson.object(body), base(request));
        return ScimJson.respond(HttpStatus.OK, user, user.getMeta().getVersion());
    }

    @Operation(summary = "SCIM: retire a person and forget them for SCIM (history kept)")
    @DeleteMapping("/Users/{id}")
    ResponseEntity<Void> deleteUser(@PathVariable String id,
                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        users.delete(actor(), id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    // ----- groups ------------------------------------------------------------------------------------------------

    @Operation(summary = "SCIM: teams, filtered by displayName or externalId (eq), paged")
    @GetMapping("/Groups")
    ResponseEntity<String> groups(@RequestParam(required = false) String filter,
                                  @RequestParam(required = false) Integer startIndex,
                                  @RequestParam(required = false) Integer count,
                                  @RequestParam(required = false) String excludedAttributes,
                                  HttpServletRequest request) {
        return ScimJson.respond(HttpStatus.OK, groups.list(filter, startIndex, count, base(request),
                withMembers(excludedAttributes)), null);
    }

    @Operation(summary = "SCIM: create a team")
    @PostMapping("/Groups")
    ResponseEntity<String> createGroup(@RequestBody(required = false) String body, HttpServletRequest request) {
        var group = groups.create(actor(), ScimJson.object(body), base(request));
        return ScimJson.created(group, group.getMeta());
    }

    @GetMapping("/Groups/{id}")
    ResponseEntity<String> group(@PathVariable String id,
                                 @RequestParam(required = false) String excludedAttributes,
                                 HttpServletRequest request) {
        var group = groups.get(id, base(request), withMembers(excludedAttributes));
        return ScimJson.respond(HttpStatus.OK, group, group.getMeta().getVersion());
    }

    @Operation(summary = "SCIM: replace a team's name, leaders and members (If-Match optional)")
    @PutMapping("/Groups/{id}")
    ResponseEntity<String> replaceGroup(@PathVariable String id,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @RequestBody(required = false) String body, HttpServletRequest request) {
        var group = groups.replace(actor(), id, ifMatch, ScimJson.object(body), base(request));
        return ScimJson.respond(HttpStatus.OK, group, group.getMeta().getVersion());
    }

    @Operation(summary = "SCIM: change a team (add/remove members, rename, leaders)")
    @PatchMapping("/Groups/{id}")
    ResponseEntity<String> patchGroup(@PathVariable String id,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @RequestBody(required = false) String body, HttpServletRequest request) {
        var group = groups.patch(actor(), id, ifMatch, ScimJson.object(body), base(request));
        return ScimJson.respond(HttpStatus.OK, group, group.getMeta().getVersion());
    }

    @Operation(summary = "SCIM: move the remaining members out and retire the team")
    @DeleteMapping("/Groups/{id}")
    ResponseEntity<Void> deleteGroup(@PathVariable String id,
                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        groups.delete(actor(), id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    // -------------------------------------------------------------------------------------------------------------

    /** The provisioning client, for the audit trail: {@code scim:<its username>}. */
    private static Actor actor() {
        Caller caller = Caller.current();
        return Actor.system("scim:" + (caller.username() != null ? caller.username() : caller.id()));
    }

    private static boolean withMembers(String excludedAttributes) {
        return excludedAttributes == null || java.util.Arrays.stream(excludedAttributes.split(","))
                .map(String::strip).noneMatch(a -> a.equalsIgnoreCase("members"));
    }

    /**
     * {@code <scheme>://<host>[:port]/scim/v2} as the client called it: behind the gateway the
     * {@code X-Forwarded-*} headers it adds name the public address (used only for {@code meta.location}).
     */
    private static String base(HttpServletRequest request) {
        ServletServerHttpRequest http = new ServletServerHttpRequest(request);
        URI uri = ForwardedHeaderUtils.adaptFromForwardedHeaders(http.getURI(), http.getHeaders())
                .replacePath(request.getContextPath() + "/scim/v2").replaceQuery(null).build().toUri();
        return uri.toString();
    }
}
