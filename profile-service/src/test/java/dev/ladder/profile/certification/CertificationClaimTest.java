package dev.ladder.profile.certification;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.Api;
import dev.ladder.profile.evidence.EvidenceApi;
import dev.ladder.profile.evidence.EvidenceTest;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims: source SELF, the default expiry, edits, withdrawal and evidence. */
class CertificationClaimTest extends EvidenceTest {

    private static final String PATH = "/api/profiles/me/certifications";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H'};

    private Api.Response claim(String user, String certificationId, String expiresOn) {
        Api.Response response = api.post(PATH, user, """
                {"certificationId":"%s","credentialId":"C-%s","issuedOn":"2025-02-10"%s}"""
                .formatted(certificationId, UUID.randomUUID(),
                        expiresOn == null ? "" : ",\"expiresOn\":\"" + expiresOn + "\""));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response;
    }

    @Test
    void aClaimIsPendingAnnouncedAsSelfAndGetsTheCatalogsDefaultExpiry() {
        JsonNode preview = api.get("/api/profiles/certifications/comptia-security-plus/default-expiry"
                + "?issuedOn=2025-02-10", "alice").json();
        assertThat(preview.path("renewalMonths").asInt()).isEqualTo(36);
        assertThat(preview.path("expiresOn").asString()).isEqualTo("2028-02-10");
        assertThat(api.get("/api/profiles/certifications/google-it-support/default-expiry?issuedOn=2025-02-10",
                "alice").json().path("expiresOn").isNull()).isTrue();
        assertThat(api.get("/api/profiles/certifications/nope/default-expiry?issuedOn=2025-02-10", "alice")
                .status()).isEqualTo(404);
        assertThat(api.get("/api/profiles/certifications/ceh/default-expiry", "alice").status()).isEqualTo(400);

        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            JsonNode claim = claim("alice", "comptia-security-plus", null).json();
            assertThat(claim.path("state").asString()).isEqualTo("PENDING");
            assertThat(claim.path("expiresOn").asString()).isEqualTo("2028-02-10");
            ConsumerRecord<String, String> event = EvidenceApi.published(achievements,
                    EventType.CERTIFICATION_RECORDED, ALICE, "\"achievementId\":\"" + claim.path("id").asString());
            assertThat(event.value()).contains("\"source\":\"SELF\"", "\"expiresOn\":\"2028-02-10\"");
        }
        // a typed expiry wins
        assertThat(claim("alice", "comptia-security-plus", "2026-01-01").json().path("expiresOn").asString())
                .isEqualTo("2026-01-01");
    }

    @Test
    void anEditIsACorrectionWithTheSameAchievementIdAndSendsADecidedClaimBackToPending() {
        JsonNode claim = claim("alice", "ceh", null).json();
        String id = claim.path("id").asString();
        assertThat(api.post("/api/profiles/verification/certifications/" + id + "/verify", "mark", "").status())
                .isEqualTo(200);
        Api.Response read = api.get(PATH + "/" + id, "alice");
        assertThat(read.json().path("state").asString()).isEqualTo("VERIFIED");
        String etag = read.header("ETag").orElseThrow();

        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response edited = evidence.put(PATH + "/" + id, "alice", etag, """
                    {"credentialId":"EDITED-%s","issuer":"EC-Council","issuedOn":"2025-03-01"}""".formatted(id));
            assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
            assertThat(edited.json().path("state").asString()).isEqualTo("PENDING");
            assertThat(edited.json().path("expiresOn").asString()).isEqualTo("2028-03-01");
            ConsumerRecord<String, String> correction = EvidenceApi.published(achievements,
                    EventType.CERTIFICATION_RECORDED, ALICE, "EDITED-" + id);
            assertThat(correction.value()).contains("\"achievementId\":\"" + id + "\"", "\"source\":\"SELF\"");
        }
        refused(412, () -> evidence.put(PATH + "/" + id, "alice", etag, """
                {"credentialId":"STALE","issuedOn":"2025-03-01"}"""));
        refused(428, () -> evidence.put(PATH + "/" + id, "alice", null, """
                {"credentialId":"NO-IF-MATCH","issuedOn":"2025-03-01"}"""));
        refused(404, () -> evidence.put(PATH + "/" + id, "bob", "\"1\"", """
                {"credentialId":"NOT-BOBS","issuedOn":"2025-03-01"}"""));
    }

    @Test
    void aWithdrawnClaimIsKeptShownAsWithdrawnAndAnnounced() {
        String id = claim("alice", "google-it-support", null).json().path("id").asString();
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response withdrawn = evidence.delete(PATH + "/" + id, "alice");
            assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(200);
            ConsumerRecord<String, String> event = EvidenceApi.published(achievements,
                    EventType.CERTIFICATION_WITHDRAWN, ALICE, "\"achievementId\":\"" + id);
            assertThat(event.value()).contains("\"withdrawnBy\":\"" + ALICE + "\"");
        }
        assertThat(api.get(PATH, "alice").json().values())
                .anyMatch(c -> c.path("id").asString().equals(id) && c.path("state").asString().equals("WITHDRAWN"));
        refused(409, () -> evidence.delete(PATH + "/" + id, "alice"));
        refused(404, () -> evidence.delete(PATH + "/" + UUID.randomUUID(), "alice"));
    }

    @Test
    void theEvidenceTypeIsDecidedByTheContentAndOnlyTheRightPeopleDownloadIt() throws Exception {
        String id = claim("alice", "comptia-security-plus", null).json().path("id").asString();
        byte[] png = Arrays.copyOf(PNG, 2000);

        Api.Response stored = evidence.upload(PATH + "/" + id + "/evidence", "alice", "../../etc/scan.pdf",
                "application/pdf", png);
        assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
        JsonNode file = stored.json().path("evidence");
        assertThat(file.path("contentType").asString()).isEqualTo("image/png");
        assertThat(file.path("filename").asString()).isEqualTo("scan.pdf");
        assertThat(file.path("size").asLong()).isEqualTo(2000);
        assertThat(file.path("sha256").asString()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)));

        for (String reader : new String[]{"alice", "mark", "ada"}) {
            EvidenceApi.Binary download = evidence.download("/api/profiles/" + ALICE + "/certifications/" + id
                    + "/evidence", reader);
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(png);
            assertThat(download.header("Content-Type")).hasValue("image/png");
            assertThat(download.header("Content-Disposition")).hasValueSatisfying(
                    d -> assertThat(d).startsWith("attachment").contains("scan.pdf"));
            assertThat(download.header("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(evidence.download(PATH + "/" + id + "/evidence", "alice").body()).isEqualTo(png);
        assertThat(evidence.download("/api/profiles/" + ALICE + "/certifications/" + id + "/evidence", "bob")
                .status()).isEqualTo(404);

        refused(415, () -> evidence.upload(PATH + "/" + id + "/evidence", "alice", "notes.pdf", "application/pdf",
                "just text, not a PDF".getBytes(StandardCharsets.UTF_8)));
        byte[] tooLarge = Arrays.copyOf("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 5 * 1024 * 1024 + 1);
        refused(413, () -> evidence.upload(PATH + "/" + id + "/evidence", "alice", "big.pdf", "application/pdf",
                tooLarge));
        byte[] exactly = Arrays.copyOf("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 5 * 1024 * 1024);
        Api.Response pdf = evidence.upload(PATH + "/" + id + "/evidence", "alice", "max.pdf", "image/png", exactly);
        assertThat(pdf.status()).as(pdf.raw()).isEqualTo(200);
        assertThat(pdf.json().path("evidence").path("contentType").asString()).isEqualTo("application/pdf");
        refused(404, () -> evidence.upload(PATH + "/" + id + "/evidence", "bob", "x.png", "image/png", png));
    }

    @Test
    void aVerificationUrlMustBeHttpsAndIsStored() {
        String id = claim("alice", "ceh", null).json().path("id").asString();
        String url = "https://verify.example.com/credential/" + id;
        Api.Response stored = evidence.put(PATH + "/" + id + "/evidence", "alice", null, """
                {"verificationUrl":"%s"}""".formatted(url));
        assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
        assertThat(stored.json().path("verificationUrl").asString()).isEqualTo(url);

        assertThat(refused(400, () -> evidence.put(PATH + "/" + id + "/evidence", "alice", null, """
                {"verificationUrl":"http://verify.example.com/x"}""")).errorFields())
                .containsExactly("verificationUrl");
        assertThat(refused(400, () -> evidence.put(PATH + "/" + id + "/evidence", "alice", null, """
                {"verificationUrl":"https://example.com/%s"}""".formatted("x".repeat(2000)))).errorFields())
                .containsExactly("verificationUrl");
    }
}
