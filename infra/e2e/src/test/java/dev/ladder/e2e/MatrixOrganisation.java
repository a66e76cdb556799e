package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.e2e.Gateway.Reply;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import dev.ladder.keycloak.TokenClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ladder.keycloak.DemoUsers.ADA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The people and objects {@link AuthorizationMatrixTest} drives every operation with, and the request it sends for
 * each operation. An organisation of its own (so no other test's data is touched): the HR system provisions, over
 * SCIM, an employee ("self") in a team led by "manager", and another employee in another team led by "other
 * manager"; the employee records a certification (with an evidence file), an experience and a skill
 * self-assessment, and the manager verifies a claim (which notifies them). The catalog operations act on a track of its own,
 * imported from the seed track's JSON and published once.
 * <p>
 * A request that changes or removes an object gets a fresh one for every call, so the order of the calls never
 * decides an answer.
 */
final class MatrixOrganisation {

    /** Who calls; the labels are the table's column heads. */
    enum Caller {
        ANONYMOUS("anonymous"), SELF("self"), OTHER("other employee"), MANAGER("manager"),
        OTHER_MANAGER("other manager"), ADMIN("admin"), PROVISIONER("provisioner");

        final String label;

        Caller(String label) {
            this.label = label;
        }
    }

    /**
     * One request. {@code ids} maps each id in it that names somebody's object to an id that names nothing, for
     * {@link #unknown()}.
     */
    record Call(String method, String path, String contentType, byte[] body, Map<String, String> headers,
                Map<String, String> ids, boolean stream) {

        /** The same request naming objects that do not exist (itself when it names none). */
        Call unknown() {
            if (ids.isEmpty()) {
                return this;
            }
            String p = path;
            String b = body == null ? null : new String(body, StandardCharsets.UTF_8);
            for (var id : ids.entrySet()) {
                p = p.replace(id.getKey(), id.getValue());
                b = b == null ? null : b.replace(id.getKey(), id.getValue());
            }
            return new Call(method, p, contentType, b == null ? null : b.getBytes(StandardCharsets.UTF_8), headers,
                    Map.of(), stream);
        }
    }

    static final String TRACK = "ai-ml-security-specialist";
    static final String SKILL = "advanced-knowledge-of-adversarial-machine-learning";
    static final String CERTIFICATION = "ceh";
    static final String LEVEL = "mid";
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String TEAM_EXTENSION = "urn:ladder:params:scim:schemas:extension:2.0:Team";
    private static final String PERSON_EXTENSION = "urn:ladder:params:scim:schemas:extension:2.0:User";
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final Duration APPLIED = Duration.ofMinutes(2);
    private static final Duration TOKEN_LIFE = Duration.ofMinutes(2);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    final AtomicInteger serial = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final Platform platform;
    private final Gateway gateway;
    private final Map<Caller, DemoUser> accounts = new EnumMap<>(Caller.class);
    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    private final Map<Caller, Instant> tokenTimes = new EnumMap<>(Caller.class);

    String subject;
    String team;
    String otherTeam;
    String track;
    String certification;
    String experience;
    String notification;
    String impactPreview;

    private MatrixOrganisation(Platform platform) {
        this.platform = platform;
        this.gateway = new Gateway(platform.gatewayUrl());
    }

    private static MatrixOrganisation shared;

    /** The organisation, built once per run (the matrix and the fuzzer use the same one). */
    static synchronized MatrixOrganisation shared(Platform platform) {
        if (shared == null) {
            MatrixOrganisation o = new MatrixOrganisation(platform);
            o.people();
            o.evidence();
            o.catalog();
            shared = o;
        }
        return shared;
    }

    /**
     * An organisation of its own, with the people and their evidence but no catalog of its own: for a test that
     * destroys what it is given (the personal-data erasure).
     */
    static MatrixOrganisation fresh(Platform platform) {
        MatrixOrganisation o = new MatrixOrganisation(platform);
        o.people();
        o.evidence();
        return o;
    }

    /** The sign-in account of a person of this organisation. */
    DemoUser account(Caller person) {
        return accounts.get(person);
    }

    // ---- the organisation -----------------------------------------------------------------------------------------

    private void people() {
        accounts.put(Caller.SELF, account("sam", "Sam", Set.of("employee")));
        accounts.put(Caller.MANAGER, account("mia", "Mia", Set.of("employee", "manager")));
        accounts.put(Caller.OTHER, account("oli", "Oli", Set.of("employee")));
        accounts.put(Caller.OTHER_MANAGER, account("max", "Max", Set.of("employee", "manager")));
        String hr = token(Caller.PROVISIONER);
        subject = provision(hr, accounts.get(Caller.SELF), "2024-02-01");
        String manager = provision(hr, accounts.get(Caller.MANAGER), "2015-02-01");
        String other = provision(hr, accounts.get(Caller.OTHER), "2023-02-01");
        String otherManager = provision(hr, accounts.get(Caller.OTHER_MANAGER), "2014-02-01");
        team = scimGroup(hr, "Matrix " + suffix, manager, subject);
        otherTeam = scimGroup(hr, "Matrix other " + suffix, otherManager, other);

        // each person signs in once and opens the portal: profile-service links the account to the person, and
        // tells the other services whose token is whose
        for (Caller person : Set.of(Caller.SELF, Caller.MANAGER, Caller.OTHER, Caller.OTHER_MANAGER)) {
            Reply me = gateway.get("/api/profiles/me", token(person));
            assertThat(me.status()).as(person + ": " + me).isEqualTo(200);
        }
        String sam = token(Caller.SELF);
        String mia = token(Caller.MANAGER);
        await("the employee's profile is linked to the team").atMost(APPLIED).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(gateway.get("/api/profiles/me", sam).json().path("teamId").asString())
                        .isEqualTo(team));
        await("progress-service knows the manager's team").atMost(APPLIED).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(gateway.get("/api/progress/teams/mine", mia).json().path("items")
                        .findValuesAsString("employeeId")).contains(subject));

        // the manager verifies a claim of the employee's, which notifies them: the notification every caller then
        // tries to mark read
        String claim = freshCertification();
        await("the manager may verify the claim").atMost(APPLIED).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(gateway.post("/api/profiles/verification/certifications/" + claim
                        + "/verify", token(Caller.MANAGER), "{}").status()).isIn(200, 409));
        await("the employee is notified").atMost(APPLIED).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode mine = gateway.get("/api/notifications/me", token(Caller.SELF)).json();
            assertThat(mine.findValuesAsString("id")).isNotEmpty();
            notification = mine.findValuesAsString("id").get(0);
        });
        // notification-service learns who manages the team from the employees' events, some time after the rest
        await("notification-service knows the manager's team").atMost(APPLIED).pollInterval(Duration.ofMillis(500))
                .untilAsserted(this::freshWebhook);
        experience = freshExperience();
        freshSelfAssessment();
    }

    private void evidence() {
        certification = freshCertification();
        String boundary = "matrix" + suffix;
        byte[] multipart = multipart(boundary, "file", "evidence.pdf", "application/pdf", PDF);
        Answer attached = send(platform.gatewayUrl(), Caller.SELF, new Call("PUT",
                "/api/profiles/me/certifications/" + certification + "/evidence",
                "multipart/form-data; boundary=" + boundary, multipart, Map.of(), Map.of(), false));
        assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
    }

    private void catalog() {
        String ada = token(Caller.ADMIN);
        Reply seed = gateway.get("/api/catalog/tracks/" + TRACK + "/export?format=json", ada);
        assertThat(seed.status()).as(seed.toString()).isEqualTo(200);
        track = importTrack(seed.json());
        Answer draft = send(platform.gatewayUrl(), Caller.ADMIN, MatrixRequests.get("/api/catalog/tracks/" + track + "/draft"));
        Answer published = send(platform.gatewayUrl(), Caller.ADMIN, new Call("POST",
                "/api/catalog/tracks/" + track + "/publish", null, null, Map.of("If-Match", etag(draft)), Map.of(),
                false));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        Reply preview = gateway.post("/api/catalog/tracks/" + track + "/draft/release-preview", ada, "");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        impactPreview = preview.body();
    }

    /** A new track from the seed track's JSON model under another name (its id is the name's slug). */
    private String importTrack(JsonNode seed) {
        ObjectNode copy = (ObjectNode) seed.deepCopy();
        String name = "Matrix " + suffix + " " + serial.incrementAndGet();
        copy.put("name", name);
        copy.remove("id");
        Reply imported = gateway.post("/api/catalog/tracks/import", token(Caller.ADMIN), copy.toString());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        return imported.json().path("id").asString();
    }

    // ---- fresh objects, for the calls that change or remove one ---------------------------------------------------

    String freshCertification() {
        Reply recorded = gateway.post("/api/profiles/me/certifications", token(Caller.SELF), """
                {"certificationId":"%s","credentialId":"MATRIX-%s-%d","issuer":"EC-Council","issuedOn":"%s",
                 "expiresOn":"%s"}""".formatted(CERTIFICATION, suffix, serial.incrementAndGet(), TODAY.minusMonths(3),
                TODAY.plusYears(2)));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        return recorded.json().path("id").asString();
    }

    String freshExperience() {
        Reply added = gateway.post("/api/profiles/me/experience", token(Caller.SELF), """
                {"startedOn":"2019-01-01","endedOn":"2020-01-01","description":"Matrix %d"}"""
                .formatted(serial.incrementAndGet()));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.json().path("id").asString();
    }

    String freshSelfAssessment() {
        Reply assessed = gateway.post("/api/profiles/me/skills", token(Caller.SELF), """
                {"skillId":"%s","proficiency":%d}""".formatted(SKILL, 1 + serial.incrementAndGet() % 5));
        assertThat(assessed.status()).as(assessed.toString()).isIn(200, 201);
        return assessed.json().path("id").asString();
    }

    /** A webhook endpoint of the employee's team, registered by their manager. */
    String freshWebhook() {
        Reply registered = gateway.post("/api/notifications/webhooks", token(Caller.MANAGER), """
                {"url":"http://127.0.0.1:9/matrix-%d","format":"JSON","teamId":"%s","kinds":["CLAIM_PENDING"]}"""
                .formatted(serial.incrementAndGet(), team));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().path("id").asString();
    }

    String freshTeam() {
        String id = "matrix-" + suffix + "-" + serial.incrementAndGet();
        Reply created = gateway.post("/api/profiles/admin/teams", token(Caller.ADMIN), """
                {"id":"%s","name":"Matrix %s"}""".formatted(id, id));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private String erasure;

    /**
     * The id of an erasure (made once, of a person created for it alone): for reading an erasure's status. An
     * erasure is irreversible, so it never names a person another test uses.
     */
    synchronized String erasure() {
        if (erasure == null) {
            String person = freshPerson();
            Reply erased = gateway.post("/api/profiles/admin/erasures", token(Caller.ADMIN),
                    "{\"employeeId\":\"" + person + "\"}");
            assertThat(erased.status()).as(erased.toString()).isEqualTo(202);
            erasure = erased.json().path("erasureId").asString();
        }
        return erasure;
    }

    String freshPerson() {
        String username = "matrix-" + suffix + "-" + serial.incrementAndGet();
        Reply created = gateway.post("/api/profiles/admin/people", token(Caller.ADMIN), """
                {"username":"%s","displayName":"Matrix Person","email":"%s@ladder.local","trackId":"%s",
                 "startDate":"2020-01-01"}""".formatted(username, username, TRACK));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    String freshScimUser() {
        String username = "matrix-scim-" + suffix + "-" + serial.incrementAndGet();
        Reply created = gateway.scim("POST", "/scim/v2/Users", token(Caller.PROVISIONER), scimUser(username, "2020-01-01"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    String freshScimGroup() {
        return scimGroup(token(Caller.PROVISIONER), "Matrix group " + suffix + " " + serial.incrementAndGet(), null,
                null);
    }

    /** The current ETag of a resource, read by an admin (or the HR client for SCIM). */
    String etagOf(String path) {
        return etagOf(path.startsWith("/scim/") ? Caller.PROVISIONER : Caller.ADMIN, path);
    }

    /** The current ETag of a resource, as this caller reads it. */
    String etagOf(Caller reader, String path) {
        return etag(send(platform.gatewayUrl(), reader, MatrixRequests.get(path)));
    }

    // ---- sending --------------------------------------------------------------------------------------------------

    /** An answer: its status, body and ETag. */
    record Answer(int status, String body, String etag) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer send(String base, Caller caller, Call call) {
        HttpRequest.BodyPublisher body = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(Duration.ofSeconds(20)).method(call.method(), body)
                .header("Accept", call.path().startsWith("/scim/") ? "application/scim+json" : "*/*");
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        call.headers().forEach(request::header);
        String token = token(caller);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            if (call.stream()) {
                // a live stream never ends: the status and the headers are the answer
                HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                response.body().close();
                return new Answer(response.statusCode(), "", "");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("ETag").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(call.method() + " " + call.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The caller's access token (none for the anonymous caller), renewed before it could expire. */
    synchronized String token(Caller caller) {
        if (caller == Caller.ANONYMOUS) {
            return null;
        }
        Instant issued = tokenTimes.get(caller);
        if (issued == null || Instant.now().isAfter(issued.plus(TOKEN_LIFE))) {
            TokenClient client = new TokenClient(platform.issuerUri());
            tokens.put(caller, switch (caller) {
                case ADMIN -> client.accessToken(ADA);
                case PROVISIONER -> client.clientCredentialsToken("ladder-provisioner", "ladder-provisioner-secret");
                default -> client.accessToken(accounts.get(caller));
            });
            tokenTimes.put(caller, Instant.now());
        }
        return tokens.get(caller);
    }

    /** The body with the call's ids (real, or the unknown ones standing in for them) blanked, to compare refusals. */
    static String withoutIds(String body, Call call) {
        String out = body;
        for (var id : call.ids().entrySet()) {
            // the unknown id first: it may contain the real one ("no-such-<id>")
            out = out.replace(id.getValue(), "{id}").replace(id.getKey(), "{id}");
        }
        return out.replaceAll("\"timestamp\"\\s*:\\s*\"[^\"]*\"", "");
    }

    static String etag(Answer answer) {
        assertThat(answer.etag()).as("ETag of " + answer).isNotBlank();
        return answer.etag();
    }

    private static byte[] multipart(String boundary, String field, String filename, String type, byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + content.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(content, 0, all, h.length, content.length);
        System.arraycopy(t, 0, all, h.length + content.length, t.length);
        return all;
    }

    private DemoUser account(String name, String firstName, Set<String> roles) {
        return RunningPlatform.newAccount(name, "m" + suffix, firstName, "Matrix " + suffix, roles);
    }

    private String provision(String hr, DemoUser person, String startDate) {
        Reply created = gateway.scim("POST", "/scim/v2/Users", hr, scimUser(person.username(), startDate));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    String scimUser(String username, String startDate) {
        return """
                {"schemas": ["%s", "%s"], "userName": "%s", "externalId": "HR-%s",
                 "name": {"givenName": "Matrix", "familyName": "%s"},
                 "emails": [{"value": "%s@ladder.local", "primary": true}], "title": "Analyst", "active": true,
                 "%s": {"trackId": "%s", "startDate": "%s", "region": "europe"}}"""
                .formatted(USER_SCHEMA, PERSON_EXTENSION, username, username, username, username, PERSON_EXTENSION,
                        TRACK, startDate);
    }

    private String scimGroup(String hr, String name, String manager, String member) {
        String extension = manager == null ? ""
                : ", \"%s\": {\"manager\": {\"value\": \"%s\"}}".formatted(TEAM_EXTENSION, manager);
        String schemas = manager == null ? "\"" + GROUP_SCHEMA + "\"" : "\"" + GROUP_SCHEMA + "\", \"" + TEAM_EXTENSION + "\"";
        Reply team = gateway.scim("POST", "/scim/v2/Groups", hr, "{\"schemas\": [" + schemas + "], \"displayName\": \""
                + name + "\"" + extension + "}");
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        String id = team.json().path("id").asString();
        if (member != null) {
            Reply joined = gateway.scim("PATCH", "/scim/v2/Groups/" + id, hr, """
                    {"schemas": ["%s"], "Operations": [{"op": "add", "path": "members", "value": [{"value": "%s"}]}]}"""
                    .formatted(PATCH_SCHEMA, member));
            assertThat(joined.status()).as(joined.toString()).isIn(200, 204);
        }
        return id;
    }
}
