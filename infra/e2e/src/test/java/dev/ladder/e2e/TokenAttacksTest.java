package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.devstack.Service;
import dev.ladder.keycloak.TokenClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ladder.keycloak.DemoUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Forged and misused tokens, through the gateway and straight at each service: expired, not yet valid, another
 * issuer, another audience, {@code alg: none}, HS256 signed with the realm's public key, a tampered payload, an
 * unknown {@code kid}, a token of another realm, an ID token or a refresh token in place of an access token. Every
 * one gets a 401 that says no more than that a valid token is required — the same body and challenge whatever was
 * wrong, so a forger learns nothing about which part to fix.
 * <p>
 * Tokens Keycloak would never issue (expired, not yet valid, another issuer) are signed with a key of this test's
 * that the realm publishes as a <em>passive</em> key: a control token signed the same way with every claim right is
 * accepted, so each refusal is for the one claim that is wrong, not for the signature.
 */
class TokenAttacksTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Per service, a read any employee may make about themself. */
    private static final Map<Service, String> DOORS = Map.of(
            Service.GATEWAY, "/api/progress/me",
            Service.CATALOG, "/api/catalog/tracks",
            Service.PROFILE, "/api/profiles/me",
            Service.PROGRESS, "/api/progress/me",
            Service.NOTIFICATION, "/api/notifications/me");

    private static Platform platform;
    private static String alice;
    private static KeyPair ours;
    private static String ourKid;

    @BeforeAll
    static void platform() throws GeneralSecurityException {
        platform = RunningPlatform.awaitDemoOrganisationApplied();
        alice = RunningPlatform.token(ALICE);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        ours = generator.generateKeyPair();
        ourKid = platform.keycloakAdmin().addPassiveKey("token-attacks-" + System.nanoTime(), ours);
        // a door may have read the realm's keys before the test key was added: it reads them again for an unknown
        // kid (at most every so often). Until every door knows it, a forgery would be refused for its key alone.
        String control = signed(claims(alice), Instant.now());
        for (Service service : DOORS.keySet()) {
            await(service + " knows the test key").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(call(service, control).status()).isEqualTo(200));
        }
    }

    @Test
    void aRealTokenAndOneSignedWithThePublishedTestKeyAreAcceptedAtEveryDoor() {
        String control = signed(claims(alice), Instant.now());
        for (Service service : DOORS.keySet()) {
            assertThat(call(service, alice).status()).as(service + " with alice's token").isEqualTo(200);
            assertThat(call(service, control).status()).as(service + " with the control token").isEqualTo(200);
        }
    }

    @Test
    void forgedAndMisusedTokensAreRefusedAlikeAtEveryDoor() {
        Map<String, String> attacks = new LinkedHashMap<>();
        Instant now = Instant.now();
        ObjectNode real = claims(alice);

        // signed with the published test key: only the named claim is wrong
        attacks.put("expired", signed(real.deepCopy().put("exp", now.minusSeconds(120).getEpochSecond())
                .put("iat", now.minusSeconds(600).getEpochSecond()), now));
        attacks.put("not yet valid", signed(real.deepCopy().put("nbf", now.plusSeconds(3600).getEpochSecond()), now));
        attacks.put("another issuer", signed(real.deepCopy().put("iss", "http://localhost:1/realms/ladder"), now));
        attacks.put("another audience", signed(real.deepCopy().put("aud", "account"), now));

        String[] parts = alice.split("\\.");
        ObjectNode header = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        attacks.put("alg none", encode(JSON.createObjectNode().put("alg", "none").put("typ", "JWT")) + "." + parts[1]
                + ".");
        attacks.put("HS256 keyed with the realm's public key", hs256WithPublicKey(header, parts[1]));
        ObjectNode tampered = claims(alice);
        tampered.putObject("realm_access").putArray("roles").add("employee").add("manager").add("admin");
        attacks.put("tampered payload", parts[0] + "." + encode(tampered) + "." + parts[2]);
        attacks.put("unknown kid", encode(header.deepCopy().put("kid", "no-such-key")) + "." + parts[1] + "."
                + parts[2]);
        attacks.put("a token of the master realm", new TokenClient(platform.keycloakUrl() + "/realms/master")
                .accessToken("admin", "admin", "admin-cli"));
        JsonNode grant = passwordGrant();
        attacks.put("an ID token", grant.path("id_token").asString());
        attacks.put("a refresh token", grant.path("refresh_token").asString());
        attacks.put("not a JWT", "not-a-jwt");

        List<String> accepted = new ArrayList<>();
        Map<Service, Answer> first = new LinkedHashMap<>();
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            assertThat(attack.getValue()).as(attack.getKey()).isNotBlank();
            for (Service service : DOORS.keySet()) {
                Answer answer = call(service, attack.getValue());
                String where = attack.getKey() + " at " + service;
                if (answer.status() != 401) {
                    accepted.add(where + ": " + answer.status() + " " + answer.body());
                    continue;
                }
                assertThat(answer.challenge()).as(where).isEqualTo("Bearer error=\"invalid_token\"");
                assertThat(answer.contentType()).as(where).startsWith("application/problem+json");
                assertThat(answer.body().toLowerCase()).as(where)
                        .doesNotContain("signature", "issuer", "audience", "kid", "alg", "jwt", "nbf", "malformed");
                // refused alike: a door answers every forgery with the very same words
                Answer seen = first.putIfAbsent(service, answer);
                if (seen != null) {
                    assertThat(answer).as(where + " answers as for " + attacks.keySet().iterator().next())
                            .isEqualTo(seen);
                }
            }
        }
        assertThat(accepted).as("attacks not answered with 401").isEmpty();
    }

    /** alice's real claims, fresh: a control token built from them is accepted. */
    private static ObjectNode claims(String token) {
        return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    /** RS256 with the test key Keycloak publishes, valid for five minutes from {@code now} unless the claims say. */
    private static String signed(ObjectNode claims, Instant now) {
        ObjectNode body = claims.deepCopy();
        if (!claims.has("exp") || claims.path("exp").asLong() > now.getEpochSecond()) {
            body.put("exp", now.plusSeconds(300).getEpochSecond());
        }
        String input = encode(JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", ourKid)) + "."
                + encode(body);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(ours.getPrivate());
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The algorithm-confusion forgery: HMAC-SHA256 keyed with the realm's public key as a verifier would hold it. */
    private static String hs256WithPublicKey(ObjectNode realHeader, String payload) {
        JsonNode jwks = JSON.readTree(get(platform.issuerUri() + "/protocol/openid-connect/certs"));
        String x5c = null;
        for (JsonNode key : jwks.path("keys")) {
            if (key.path("kid").asString().equals(realHeader.path("kid").asString())) {
                x5c = key.path("x5c").path(0).asString();
            }
        }
        assertThat(x5c).as("the realm's signing key in its JWKS").isNotBlank();
        // the public key as a verifier configured by hand would hold it: PEM of its SubjectPublicKeyInfo
        byte[] publicKey;
        try {
            publicKey = CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(x5c))).getPublicKey().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(publicKey) + "\n-----END PUBLIC KEY-----\n";
        String input = encode(realHeader.deepCopy().put("alg", "HS256")) + "." + payload;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pem.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole token response of the CLI client's password grant, with {@code openid}: an ID token too. */
    private static JsonNode passwordGrant() {
        String form = "grant_type=password&scope=openid&client_id=" + TokenClient.CLIENT_ID + "&username="
                + URLEncoder.encode(ALICE.username(), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(ALICE.password(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.issuerUri()
                        + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String encode(JsonNode json) {
        return B64.encodeToString(JSON.writeValueAsBytes(json));
    }

    private record Answer(int status, String body, String contentType, String challenge) {
    }

    private static Answer call(Service service, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.url(service) + DOORS.get(service)))
                .timeout(Duration.ofSeconds(20)).header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> response = send(request);
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    private static String get(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).GET().build());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
