package dev.ladder.e2e;

import dev.ladder.e2e.MatrixOrganisation.Answer;
import dev.ladder.e2e.MatrixOrganisation.Call;
import dev.ladder.e2e.MatrixOrganisation.Caller;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static dev.ladder.e2e.MatrixOrganisation.CERTIFICATION;
import static dev.ladder.e2e.MatrixOrganisation.GROUP_SCHEMA;
import static dev.ladder.e2e.MatrixOrganisation.LEVEL;
import static dev.ladder.e2e.MatrixOrganisation.PATCH_SCHEMA;
import static dev.ladder.e2e.MatrixOrganisation.SKILL;
import static dev.ladder.e2e.MatrixOrganisation.TODAY;
import static dev.ladder.e2e.MatrixOrganisation.TRACK;
import static dev.ladder.e2e.MatrixOrganisation.USER_SCHEMA;
import static dev.ladder.e2e.MatrixOrganisation.etag;

/**
 * The request {@link AuthorizationMatrixTest} sends for each operation: real ids of the employee's (or their team's)
 * objects, bodies a client would send, a fresh object for every call that changes or removes one. Ids that name
 * somebody's object are marked ({@link #ofSubject}) so the test can ask again for an object that does not exist.
 */
final class MatrixRequests {

    private MatrixRequests() {
    }

    // ---- the request for each operation ---------------------------------------------------------------------------

    /** Operations the gateway answers itself (its own controllers), not found in any service's OpenAPI document. */
    static boolean gatewayOwn(String op) {
        return op.equals("GET /session");
    }

    static final Map<String, BiFunction<MatrixOrganisation, Caller, Call>> REQUESTS = new LinkedHashMap<>();

    private static void on(String op, BiFunction<MatrixOrganisation, Caller, Call> request) {
        REQUESTS.put(op, request);
    }

    static {
        // gateway
        on("GET /session", (o, c) -> get("/session"));

        // catalog-service: reads of the published catalog, then the admin's authoring
        on("GET /api/catalog/search", (o, c) -> get("/api/catalog/search?q=security"));
        on("GET /api/catalog/tracks", (o, c) -> get("/api/catalog/tracks"));
        on("GET /api/catalog/me/personal-data", (o, c) -> get("/api/catalog/me/personal-data"));
        on("GET /api/catalog/certifications", (o, c) -> get("/api/catalog/certifications"));
        on("GET /api/catalog/tracks/{trackId}", (o, c) -> get("/api/catalog/tracks/" + o.track));
        on("GET /api/catalog/tracks/{trackId}/levels", (o, c) -> get("/api/catalog/tracks/" + o.track + "/levels"));
        on("GET /api/catalog/tracks/{trackId}/levels/{levelId}",
                (o, c) -> get("/api/catalog/tracks/" + o.track + "/levels/" + LEVEL));
        on("GET /api/catalog/tracks/{trackId}/skills", (o, c) -> get("/api/catalog/tracks/" + o.track + "/skills"));
        on("GET /api/catalog/tracks/{trackId}/certifications",
                (o, c) -> get("/api/catalog/tracks/" + o.track + "/certifications"));
        on("GET /api/catalog/tracks/{trackId}/salaries", (o, c) -> get("/api/catalog/tracks/" + o.track + "/salaries"));
        on("GET /api/catalog/tracks/{trackId}/versions", (o, c) -> get("/api/catalog/tracks/" + o.track + "/versions"));
        on("GET /api/catalog/tracks/{trackId}/versions/{version}",
                (o, c) -> get("/api/catalog/tracks/" + o.track + "/versions/1"));
        on("GET /api/catalog/tracks/{trackId}/diff",
                (o, c) -> get("/api/catalog/tracks/" + o.track + "/diff?from=1&to=1"));
        on("GET /api/catalog/tracks/{trackId}/history", (o, c) -> get("/api/catalog/tracks/" + o.track + "/history"));
        on("GET /api/catalog/tracks/{trackId}/export",
                (o, c) -> get("/api/catalog/tracks/" + o.track + "/export?format=json"));
        on("GET /api/catalog/drafts", (o, c) -> get("/api/catalog/drafts"));
        on("GET /api/catalog/tracks/{trackId}/draft", (o, c) -> get("/api/catalog/tracks/" + o.track + "/draft"));
        on("GET /api/catalog/tracks/{trackId}/draft/diff",
                (o, c) -> get("/api/catalog/tracks/" + o.track + "/draft/diff"));
        on("GET /api/catalog/tracks/{trackId}/draft/export",
                (o, c) -> get("/api/catalog/tracks/" + o.track + "/draft/export?format=json"));
        on("POST /api/catalog/tracks/{trackId}/draft/validate",
                (o, c) -> post("/api/catalog/tracks/" + o.track + "/draft/validate", null));
        on("POST /api/catalog/tracks/{trackId}/draft/release-preview",
                (o, c) -> post("/api/catalog/tracks/" + o.track + "/draft/release-preview", null));
        on("PUT /api/catalog/tracks/{trackId}/draft", (o, c) -> {
            Answer draft = o.send(o.platform.gatewayUrl(), Caller.ADMIN, get("/api/catalog/tracks/" + o.track + "/draft"));
            return new Call("PUT", "/api/catalog/tracks/" + o.track + "/draft", "application/json",
                    draft.body().getBytes(StandardCharsets.UTF_8), Map.of("If-Match", etag(draft)), Map.of(), false);
        });
        on("DELETE /api/catalog/tracks/{trackId}/draft", (o, c) -> new Call("DELETE",
                "/api/catalog/tracks/" + o.track + "/draft", null, null,
                Map.of("If-Match", o.etagOf("/api/catalog/tracks/" + o.track + "/draft")), Map.of(), false));
        on("POST /api/catalog/tracks/{trackId}/publish", (o, c) -> new Call("POST",
                "/api/catalog/tracks/" + o.track + "/publish", null, null,
                Map.of("If-Match", o.etagOf("/api/catalog/tracks/" + o.track + "/draft")), Map.of(), false));
        on("POST /api/catalog/tracks/import", (o, c) -> {
            Answer seed = o.send(o.platform.gatewayUrl(), Caller.ADMIN,
                    get("/api/catalog/tracks/" + TRACK + "/export?format=json"));
            ObjectNode copy = (ObjectNode) seed.json().deepCopy();
            copy.put("name", "Matrix import " + o.suffix + " " + o.serial.incrementAndGet());
            copy.remove("id");
            return post("/api/catalog/tracks/import", copy.toString());
        });

        // profile-service: the employee's own records
        on("GET /api/profiles/me", (o, c) -> get("/api/profiles/me"));
        on("GET /api/profiles/me/audit", (o, c) -> get("/api/profiles/me/audit"));
        on("GET /api/profiles/me/personal-data", (o, c) -> get("/api/profiles/me/personal-data"));
        on("GET /api/profiles/teams/mine", (o, c) -> get("/api/profiles/teams/mine"));
        on("GET /api/profiles/teams/{id}", (o, c) -> ofSubject(get("/api/profiles/teams/" + o.team), o.team));
        on("POST /api/profiles/me/certifications", (o, c) -> post("/api/profiles/me/certifications", """
                {"certificationId":"%s","credentialId":"MATRIX-%s-%d","issuedOn":"%s"}"""
                .formatted(CERTIFICATION, o.suffix, o.serial.incrementAndGet(), TODAY.minusMonths(1))));
        on("GET /api/profiles/me/certifications", (o, c) -> get("/api/profiles/me/certifications"));
        on("GET /api/profiles/me/certifications/{id}",
                (o, c) -> ofSubject(get("/api/profiles/me/certifications/" + o.certification), o.certification));
        on("PUT /api/profiles/me/certifications/{id}", (o, c) -> {
            String id = o.freshCertification();
            return ofSubject(new Call("PUT", "/api/profiles/me/certifications/" + id, "application/json", json("""
                    {"credentialId":"MATRIX-EDIT-%s","issuer":"EC-Council","issuedOn":"%s"}"""
                    .formatted(id, TODAY.minusMonths(2))),
                    Map.of("If-Match", o.etagOf(Caller.SELF, "/api/profiles/me/certifications/" + id)), Map.of(),
                    false), id);
        });
        on("DELETE /api/profiles/me/certifications/{id}", (o, c) -> {
            String id = o.freshCertification();
            return ofSubject(new Call("DELETE", "/api/profiles/me/certifications/" + id + "?reason=matrix", null,
                    null, Map.of(), Map.of(), false), id);
        });
        on("PUT /api/profiles/me/certifications/{id}/evidence", (o, c) -> {
            String id = o.freshCertification();
            return ofSubject(new Call("PUT", "/api/profiles/me/certifications/" + id + "/evidence",
                    "application/json", json("{\"verificationUrl\":\"https://verify.example.com/" + id + "\"}"),
                    Map.of(), Map.of(), false), id);
        });
        on("GET /api/profiles/me/certifications/{id}/evidence",
                (o, c) -> ofSubject(get("/api/profiles/me/certifications/" + o.certification + "/evidence"),
                        o.certification));
        on("GET /api/profiles/certifications/{certificationId}/default-expiry",
                (o, c) -> get("/api/profiles/certifications/" + CERTIFICATION + "/default-expiry?issuedOn=" + TODAY));
        on("POST /api/profiles/me/skills", (o, c) -> post("/api/profiles/me/skills", """
                {"skillId":"%s","proficiency":2}""".formatted(SKILL)));
        on("GET /api/profiles/me/skills", (o, c) -> get("/api/profiles/me/skills"));
        on("GET /api/profiles/me/skills/{skillId}/history", (o, c) -> get("/api/profiles/me/skills/" + SKILL + "/history"));
        on("POST /api/profiles/me/experience", (o, c) -> post("/api/profiles/me/experience", """
                {"startedOn":"2018-01-01","endedOn":"2018-06-01","description":"Matrix"}"""));
        on("GET /api/profiles/me/experience", (o, c) -> get("/api/profiles/me/experience"));
        on("GET /api/profiles/me/experience/{id}",
                (o, c) -> ofSubject(get("/api/profiles/me/experience/" + o.experience), o.experience));
        on("PUT /api/profiles/me/experience/{id}", (o, c) -> {
            String id = o.freshExperience();
            return ofSubject(new Call("PUT", "/api/profiles/me/experience/" + id, "application/json", json("""
                    {"startedOn":"2019-01-01","endedOn":"2020-02-01","description":"Matrix, corrected"}"""),
                    Map.of("If-Match", o.etagOf(Caller.SELF, "/api/profiles/me/experience/" + id)), Map.of(), false),
                    id);
        });
        on("DELETE /api/profiles/me/experience/{id}", (o, c) -> {
            String id = o.freshExperience();
            return ofSubject(new Call("DELETE", "/api/profiles/me/experience/" + id + "?reason=matrix", null, null,
                    Map.of(), Map.of(), false), id);
        });

        // profile-service: one person's records, read or assessed by others
        on("GET /api/profiles/{employeeId}/certifications",
                (o, c) -> ofSubject(get("/api/profiles/" + o.subject + "/certifications"), o.subject));
        on("GET /api/profiles/{employeeId}/certifications/{id}/evidence", (o, c) -> ofSubject(get("/api/profiles/"
                + o.subject + "/certifications/" + o.certification + "/evidence"), o.subject, o.certification));
        on("GET /api/profiles/{employeeId}/skills",
                (o, c) -> ofSubject(get("/api/profiles/" + o.subject + "/skills"), o.subject));
        on("GET /api/profiles/{employeeId}/skills/{skillId}/history",
                (o, c) -> ofSubject(get("/api/profiles/" + o.subject + "/skills/" + SKILL + "/history"), o.subject));
        on("POST /api/profiles/{employeeId}/skills", (o, c) -> ofSubject(post("/api/profiles/" + o.subject + "/skills",
                "{\"skillId\":\"" + SKILL + "\",\"proficiency\":3}"), o.subject));
        on("GET /api/profiles/{id}/placements",
                (o, c) -> ofSubject(get("/api/profiles/" + o.subject + "/placements"), o.subject));
        on("GET /api/profiles/people/{id}", (o, c) -> ofSubject(get("/api/profiles/people/" + o.subject), o.subject));
        on("PUT /api/profiles/people/{id}/track", (o, c) -> ofSubject(new Call("PUT",
                "/api/profiles/people/" + o.subject + "/track", "application/json",
                json("{\"trackId\":\"" + TRACK + "\"}"),
                Map.of("If-Match", o.etagOf("/api/profiles/people/" + o.subject)), Map.of(), false), o.subject));

        // profile-service: verification by managers
        on("GET /api/profiles/verification/queue", (o, c) -> get("/api/profiles/verification/queue"));
        on("GET /api/profiles/verification/unverified-counts",
                (o, c) -> get("/api/profiles/verification/unverified-counts"));
        on("POST /api/profiles/verification/certifications/{id}/verify", (o, c) -> {
            String id = o.freshCertification();
            return ofSubject(post("/api/profiles/verification/certifications/" + id + "/verify", "{}"), id);
        });
        on("POST /api/profiles/verification/certifications/{id}/reject", (o, c) -> {
            String id = o.freshCertification();
            return ofSubject(post("/api/profiles/verification/certifications/" + id + "/reject",
                    "{\"reason\":\"not the credential's holder\"}"), id);
        });
        on("POST /api/profiles/verification/skills/{id}/verify", (o, c) -> {
            String id = o.freshSelfAssessment();
            return ofSubject(post("/api/profiles/verification/skills/" + id + "/verify", "{}"), id);
        });

        // profile-service: the organisation, run by admins
        on("GET /api/profiles/admin/teams", (o, c) -> get("/api/profiles/admin/teams"));
        on("GET /api/profiles/admin/teams/{id}", (o, c) -> ofSubject(get("/api/profiles/admin/teams/" + o.team), o.team));
        on("POST /api/profiles/admin/teams", (o, c) -> post("/api/profiles/admin/teams",
                "{\"id\":\"matrix-" + o.suffix + "-" + o.serial.incrementAndGet() + "\",\"name\":\"Matrix new\"}"));
        on("PUT /api/profiles/admin/teams/{id}", (o, c) -> {
            String id = o.freshTeam();
            return ofSubject(new Call("PUT", "/api/profiles/admin/teams/" + id, "application/json",
                    json("{\"name\":\"Matrix renamed\"}"), Map.of("If-Match", o.etagOf("/api/profiles/admin/teams/" + id)),
                    Map.of(), false), id);
        });
        on("POST /api/profiles/admin/teams/{id}/retire", (o, c) -> {
            String id = o.freshTeam();
            return ofSubject(new Call("POST", "/api/profiles/admin/teams/" + id + "/retire", null, null,
                    Map.of("If-Match", o.etagOf("/api/profiles/admin/teams/" + id)), Map.of(), false), id);
        });
        on("GET /api/profiles/admin/people", (o, c) -> get("/api/profiles/admin/people"));
        on("POST /api/profiles/admin/people", (o, c) -> {
            String username = "matrix-new-" + o.suffix + "-" + o.serial.incrementAndGet();
            return post("/api/profiles/admin/people", """
                    {"username":"%s","displayName":"Matrix New","trackId":"%s"}""".formatted(username, TRACK));
        });
        on("PUT /api/profiles/admin/people/{id}", (o, c) -> {
            String id = o.freshPerson();
            return ofSubject(new Call("PUT", "/api/profiles/admin/people/" + id, "application/json", json("""
                    {"displayName":"Matrix Renamed","trackId":"%s","startDate":"2020-01-01"}""".formatted(TRACK)),
                    Map.of("If-Match", o.etagOf("/api/profiles/people/" + id)), Map.of(), false), id);
        });
        on("POST /api/profiles/admin/people/{id}/retire", (o, c) -> {
            String id = o.freshPerson();
            return ofSubject(new Call("POST", "/api/profiles/admin/people/" + id + "/retire", null, null,
                    Map.of("If-Match", o.etagOf("/api/profiles/people/" + id)), Map.of(), false), id);
        });
        on("POST /api/profiles/admin/people/{id}/placements", (o, c) -> {
            String id = o.freshPerson();
            return ofSubject(post("/api/profiles/admin/people/" + id + "/placements", """
                    {"trackId":"%s","levelId":"%s","effectiveOn":"%s","reason":"matrix"}"""
                    .formatted(TRACK, LEVEL, TODAY)), id);
        });
        on("GET /api/profiles/admin/audit", (o, c) -> get("/api/profiles/admin/audit"));
        // an erasure is irreversible: every call erases a person created for that call alone, never a shared one
        // (the fuzzer builds its valid request here too, so it can only ever erase such a person)
        on("POST /api/profiles/admin/erasures", (o, c) -> {
            String id = o.freshPerson();
            return ofSubject(post("/api/profiles/admin/erasures", "{\"employeeId\":\"" + id + "\"}"), id);
        });
        on("GET /api/profiles/admin/erasures/{erasureId}", (o, c) -> {
            String id = o.erasure();
            return ofSubject(get("/api/profiles/admin/erasures/" + id), id);
        });
        on("POST /api/profiles/admin/import/preview", (o, c) -> new Call("POST", "/api/profiles/admin/import/preview",
                "text/csv", json("username,displayName,trackId\r\n"), Map.of(), Map.of(), false));
        on("POST /api/profiles/admin/import", (o, c) -> new Call("POST", "/api/profiles/admin/import", "text/csv",
                json("username,displayName,trackId\r\nmatrix-csv-" + o.suffix + "-" + o.serial.incrementAndGet()
                        + ",Matrix Csv," + TRACK + "\r\n"), Map.of(), Map.of(), false));

        // profile-service: SCIM 2.0 for the HR system
        on("GET /scim/v2/ServiceProviderConfig", (o, c) -> get("/scim/v2/ServiceProviderConfig"));
        on("GET /scim/v2/ResourceTypes", (o, c) -> get("/scim/v2/ResourceTypes"));
        on("GET /scim/v2/ResourceTypes/{name}", (o, c) -> get("/scim/v2/ResourceTypes/User"));
        on("GET /scim/v2/Schemas", (o, c) -> get("/scim/v2/Schemas"));
        on("GET /scim/v2/Schemas/{id}", (o, c) -> get("/scim/v2/Schemas/" + USER_SCHEMA));
        on("GET /scim/v2/Users", (o, c) -> get("/scim/v2/Users"));
        on("POST /scim/v2/Users", (o, c) -> scim("POST", "/scim/v2/Users",
                o.scimUser("matrix-scim-new-" + o.suffix + "-" + o.serial.incrementAndGet(), "2020-01-01")));
        on("GET /scim/v2/Users/{id}", (o, c) -> ofSubject(get("/scim/v2/Users/" + o.subject), o.subject));
        on("PUT /scim/v2/Users/{id}", (o, c) -> {
            String id = o.freshScimUser();
            String user = o.send(o.platform.gatewayUrl(), Caller.PROVISIONER, get("/scim/v2/Users/" + id)).body();
            return ofSubject(scim("PUT", "/scim/v2/Users/" + id, user), id);
        });
        on("PATCH /scim/v2/Users/{id}", (o, c) -> {
            String id = o.freshScimUser();
            return ofSubject(scim("PATCH", "/scim/v2/Users/" + id, """
                    {"schemas":["%s"],"Operations":[{"op":"replace","path":"title","value":"Matrix"}]}"""
                    .formatted(PATCH_SCHEMA)), id);
        });
        on("DELETE /scim/v2/Users/{id}", (o, c) -> {
            String id = o.freshScimUser();
            return ofSubject(new Call("DELETE", "/scim/v2/Users/" + id, null, null, Map.of(), Map.of(), false), id);
        });
        on("GET /scim/v2/Groups", (o, c) -> get("/scim/v2/Groups"));
        on("POST /scim/v2/Groups", (o, c) -> scim("POST", "/scim/v2/Groups", """
                {"schemas":["%s"],"displayName":"Matrix group new %s %d"}"""
                .formatted(GROUP_SCHEMA, o.suffix, o.serial.incrementAndGet())));
        on("GET /scim/v2/Groups/{id}", (o, c) -> ofSubject(get("/scim/v2/Groups/" + o.team), o.team));
        on("PUT /scim/v2/Groups/{id}", (o, c) -> {
            String id = o.freshScimGroup();
            return ofSubject(scim("PUT", "/scim/v2/Groups/" + id, """
                    {"schemas":["%s"],"displayName":"Matrix group renamed %s"}""".formatted(GROUP_SCHEMA, id)), id);
        });
        on("PATCH /scim/v2/Groups/{id}", (o, c) -> {
            String id = o.freshScimGroup();
            return ofSubject(scim("PATCH", "/scim/v2/Groups/" + id, """
                    {"schemas":["%s"],"Operations":[{"op":"replace","path":"displayName","value":"Matrix patched %s"}]}"""
                    .formatted(PATCH_SCHEMA, id)), id);
        });
        on("DELETE /scim/v2/Groups/{id}", (o, c) -> {
            String id = o.freshScimGroup();
            return ofSubject(new Call("DELETE", "/scim/v2/Groups/" + id, null, null, Map.of(), Map.of(), false), id);
        });

        // progress-service
        on("GET /api/progress/me", (o, c) -> get("/api/progress/me"));
        on("GET /api/progress/me/personal-data", (o, c) -> get("/api/progress/me/personal-data"));
        on("GET /api/progress/me/timeline", (o, c) -> get("/api/progress/me/timeline"));
        on("POST /api/progress/me/what-if", (o, c) -> post("/api/progress/me/what-if",
                "{\"certifications\":[{\"certificationId\":\"" + CERTIFICATION + "\"}],\"skills\":[]}"));
        on("GET /api/progress/employees/{employeeId}",
                (o, c) -> ofSubject(get("/api/progress/employees/" + o.subject), o.subject));
        on("GET /api/progress/employees/{employeeId}/timeline",
                (o, c) -> ofSubject(get("/api/progress/employees/" + o.subject + "/timeline"), o.subject));
        on("POST /api/progress/employees/{employeeId}/what-if", (o, c) -> ofSubject(post("/api/progress/employees/"
                + o.subject + "/what-if", "{\"certifications\":[],\"skills\":[],\"experienceYears\":4}"), o.subject));
        on("GET /api/progress/teams/mine", (o, c) -> get("/api/progress/teams/mine"));
        on("GET /api/progress/teams/{teamId}", (o, c) -> ofSubject(get("/api/progress/teams/" + o.team), o.team));
        on("GET /api/progress/teams/{teamId}/export.csv",
                (o, c) -> ofSubject(get("/api/progress/teams/" + o.team + "/export.csv"), o.team));
        on("GET /api/progress/teams/{teamId}/trends",
                (o, c) -> ofSubject(get("/api/progress/teams/" + o.team + "/trends"), o.team));
        on("GET /api/progress/admin/overview", (o, c) -> get("/api/progress/admin/overview"));
        on("GET /api/progress/admin/overview/teams", (o, c) -> get("/api/progress/admin/overview/teams"));
        on("GET /api/progress/admin/overview/tracks", (o, c) -> get("/api/progress/admin/overview/tracks"));
        on("POST /api/progress/admin/impact-preview", (o, c) -> post("/api/progress/admin/impact-preview",
                o.impactPreview));
        on("POST /api/progress/admin/expiry-sweep", (o, c) -> post("/api/progress/admin/expiry-sweep", null));
        on("POST /api/progress/admin/rebuild", (o, c) -> post("/api/progress/admin/rebuild", null));

        // notification-service
        on("GET /api/notifications/me", (o, c) -> get("/api/notifications/me"));
        on("GET /api/notifications/me/personal-data", (o, c) -> get("/api/notifications/me/personal-data"));
        on("GET /api/notifications/me/unread-count", (o, c) -> get("/api/notifications/me/unread-count"));
        on("GET /api/notifications/me/stream", (o, c) -> new Call("GET", "/api/notifications/me/stream", null, null,
                Map.of(), Map.of(), true));
        on("POST /api/notifications/me/read-all", (o, c) -> post("/api/notifications/me/read-all", null));
        on("POST /api/notifications/{id}/read",
                (o, c) -> ofSubject(post("/api/notifications/" + o.notification + "/read", null), o.notification));
        on("GET /api/notifications/preferences", (o, c) -> get("/api/notifications/preferences"));
        on("PUT /api/notifications/preferences", (o, c) -> new Call("PUT", "/api/notifications/preferences",
                "application/json", json("{\"timeZone\":\"Europe/Berlin\",\"digestHour\":8,\"digestDay\":\"MONDAY\"}"), Map.of(), Map.of(), false));
        on("GET /api/notifications/deliveries", (o, c) -> ofSubject(get("/api/notifications/deliveries?recipient=" + o.subject), o.subject));
        on("GET /api/notifications/unsubscribe", (o, c) -> get("/api/notifications/unsubscribe"));
        on("POST /api/notifications/unsubscribe", (o, c) -> new Call("POST", "/api/notifications/unsubscribe",
                "application/x-www-form-urlencoded", json("token=matrix"), Map.of(), Map.of(), false));
        on("POST /api/notifications/webhooks", (o, c) -> ofSubject(post("/api/notifications/webhooks", """
                {"url":"http://127.0.0.1:9/matrix-new","format":"JSON","teamId":"%s","kinds":["CLAIM_PENDING"]}"""
                .formatted(o.team)), o.team));
        on("GET /api/notifications/webhooks", (o, c) -> get("/api/notifications/webhooks"));
        on("GET /api/notifications/webhooks/{id}", (o, c) -> {
            String id = o.freshWebhook();
            return ofSubject(get("/api/notifications/webhooks/" + id), id);
        });
        on("PATCH /api/notifications/webhooks/{id}", (o, c) -> {
            String id = o.freshWebhook();
            return ofSubject(new Call("PATCH", "/api/notifications/webhooks/" + id, "application/json",
                    json("{\"enabled\":false}"), Map.of(), Map.of(), false), id);
        });
        on("DELETE /api/notifications/webhooks/{id}", (o, c) -> {
            String id = o.freshWebhook();
            return ofSubject(new Call("DELETE", "/api/notifications/webhooks/" + id, null, null, Map.of(), Map.of(),
                    false), id);
        });
        on("POST /api/notifications/webhooks/{id}/secret/rotate", (o, c) -> {
            String id = o.freshWebhook();
            return ofSubject(post("/api/notifications/webhooks/" + id + "/secret/rotate", null), id);
        });
        on("GET /api/notifications/webhooks/{id}/deliveries", (o, c) -> {
            String id = o.freshWebhook();
            return ofSubject(get("/api/notifications/webhooks/" + id + "/deliveries"), id);
        });
    }

    // ---- building requests ----------------------------------------------------------------------------------------

    static Call get(String path) {
        return new Call("GET", path, null, null, Map.of(), Map.of(), false);
    }

    static Call post(String path, String body) {
        return new Call("POST", path, body == null ? null : "application/json", body == null ? null : json(body),
                Map.of(), Map.of(), false);
    }

    private static Call scim(String method, String path, String body) {
        return new Call(method, path, "application/scim+json", json(body), Map.of(), Map.of(), false);
    }

    /** The call, with each of these ids (of the employee's or their team's objects) paired with one of nothing. */
    private static Call ofSubject(Call call, String... ids) {
        Map<String, String> unknown = new LinkedHashMap<>();
        for (String id : ids) {
            unknown.put(id, looksLikeUuid(id) ? UUID.randomUUID().toString() : "no-such-" + id);
        }
        return new Call(call.method(), call.path(), call.contentType(), call.body(), call.headers(), unknown,
                call.stream());
    }

    private static boolean looksLikeUuid(String id) {
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
