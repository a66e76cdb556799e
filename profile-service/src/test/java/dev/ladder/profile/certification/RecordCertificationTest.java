package dev.ladder.profile.certification;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.Api;
import dev.ladder.profile.ProfileServiceTest;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RecordCertificationTest extends ProfileServiceTest {

    private static final String PATH = "/api/profiles/me/certifications";

    @Test
    void recordingSecurityPlusStoresItAndAnnouncesCertificationRecorded() {
        String credential = "COMP-" + UUID.randomUUID();
        Api.Response response;
        ConsumerRecord<String, String> event;
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            response = api.post(PATH, "alice", """
                    {"certificationId":"comptia-security-plus","credentialId":"%s","issuer":"CompTIA",
                     "issuedOn":"2025-01-15","expiresOn":"2028-01-15"}""".formatted(credential));
            assertThat(response.status()).as(response.raw()).isEqualTo(201);
            String created = response.json().path("id").asString();
            event = achievements.await(r -> r.value().contains("\"achievementId\":\"" + created + "\""),
                    Duration.ofSeconds(30));
        }

        JsonNode body = response.json();
        String id = body.path("id").asString();
        assertThat(response.header("Location")).hasValue(PATH + "/" + id);
        assertThat(body.path("certificationId").asString()).isEqualTo("comptia-security-plus");
        assertThat(body.path("certificationName").asString()).isEqualTo("CompTIA Security+");
        assertThat(body.path("credentialId").asString()).isEqualTo(credential);
        assertThat(body.path("issuer").asString()).isEqualTo("CompTIA");
        assertThat(body.path("issuedOn").asString()).isEqualTo("2025-01-15");
        assertThat(body.path("expiresOn").asString()).isEqualTo("2028-01-15");
        assertThat(body.path("recordedAt").asString()).isNotBlank();

        assertThat(count("select count(*) from certification_record where id = '" + id + "' and employee_id = '"
                + ALICE + "'")).isEqualTo(1);
        // the announcement was committed with the record: one outbox row, keyed by alice
        assertThat(count("select count(*) from outbox_event where topic = '" + Topics.ACHIEVEMENTS
                + "' and event_key = '" + ALICE + "' and payload::jsonb ->> 'achievementId' = '" + id + "'"))
                .isEqualTo(1);
        assertThat(api.get(PATH + "/" + id, "alice").json().path("credentialId").asString()).isEqualTo(credential);
        assertThat(api.get(PATH, "alice").json().values()).anyMatch(c -> c.path("id").asString().equals(id));

        assertThat(event.key()).isEqualTo(ALICE);
        assertThat(KafkaProbe.header(event, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(KafkaProbe.header(event, CloudEventHeaders.TYPE)).isEqualTo(EventType.CERTIFICATION_RECORDED.id());
        assertThat(KafkaProbe.header(event, CloudEventHeaders.ID)).isNotBlank();
        // the one source consumers accept profile-service's types from
        assertThat(KafkaProbe.header(event, CloudEventHeaders.SOURCE)).isEqualTo(EventProducers.PROFILE_SERVICE);
        assertThat(KafkaProbe.header(event, CloudEventHeaders.TIME)).isNotBlank();
        assertThat(KafkaProbe.header(event, CloudEventHeaders.SUBJECT)).isEqualTo(ALICE);
        assertThat(KafkaProbe.header(event, CloudEventHeaders.CONTENT_TYPE)).isEqualTo(CloudEventHeaders.JSON);
        assertThat(EventSchemas.violations(EventType.CERTIFICATION_RECORDED, event.value())).isEmpty();
        assertThat(event.value()).contains("\"employeeId\":\"" + ALICE + "\"", "\"credentialId\":\"" + credential);
    }

    @Test
    void theSameCredentialTwiceIsAConflict() {
        String body = """
                {"certificationId":"ceh","credentialId":"CEH-%s","issuedOn":"2024-05-01"}"""
                .formatted(UUID.randomUUID());
        assertThat(api.post(PATH, "alice", body).status()).isEqualTo(201);

        Api.Response again = rejectedWithoutEffect(body);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("status").asInt()).isEqualTo(409);
        // the same credential is someone else's own record: bob may record it for himself
        assertThat(api.post(PATH, "bob", body).status()).isEqualTo(201);
    }

    @Test
    void malformedJsonIsRejected() {
        Api.Response response = rejectedWithoutEffect("{\"certificationId\": \"comptia-security-plus\", ");

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void aDateThatIsNotIsoIsRejectedNamingTheField() {
        Api.Response response = rejectedWithoutEffect("""
                {"certificationId":"comptia-security-plus","credentialId":"X-1","issuedOn":"15/01/2025"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("issuedOn");
    }

    @Test
    void missingAndInvalidFieldsAreAllListed() {
        Api.Response response = rejectedWithoutEffect("""
                {"credentialId":"%s","issuer":"%s","issuedOn":"%s"}"""
                .formatted("c".repeat(201), "i".repeat(201), LocalDate.now().plusDays(2)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields())
                .containsExactlyInAnyOrder("certificationId", "credentialId", "issuer", "issuedOn");
    }

    @Test
    void anEmptyBodyListsEveryRequiredField() {
        Api.Response response = rejectedWithoutEffect("{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("certificationId", "credentialId", "issuedOn");
    }

    @Test
    void anUnknownCertificationIsUnprocessable() {
        Api.Response response = rejectedWithoutEffect("""
                {"certificationId":"no-such-certification","credentialId":"X-2","issuedOn":"2025-01-15"}""");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("certificationId");
        assertThat(response.raw()).contains("no-such-certification");
    }

    @Test
    void anExpiryBeforeTheIssueDateIsUnprocessable() {
        Api.Response response = rejectedWithoutEffect("""
                {"certificationId":"comptia-security-plus","credentialId":"X-3","issuedOn":"2025-01-15",
                 "expiresOn":"2025-01-14"}""");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("expiresOn");
    }

    @Test
    void everySemanticProblemIsListedAtOnce() {
        Api.Response response = rejectedWithoutEffect("""
                {"certificationId":"no-such-certification","credentialId":"X-4","issuedOn":"2025-01-15",
                 "expiresOn":"2020-01-01"}""");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("certificationId", "expiresOn");
    }

    /**
     * Posts as alice and asserts the request left no certification row, no outbox row and no event behind. For the
     * event: a valid certification recorded afterwards is the sentinel — same path (outbox, relay), same key, so
     * anything the refused request had published would be on the partition before it.
     */
    private Api.Response rejectedWithoutEffect(String body) {
        // earlier requests' events are out of the way first, so the probe below only sees what this one causes
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from outbox_event where sent_at is null") == 0);
        long records = count("select count(*) from certification_record");
        long outbox = count("select count(*) from outbox_event");
        try (KafkaProbe achievements = LadderInfra.probe(Topics.ACHIEVEMENTS)) {
            Api.Response response = api.post(PATH, "alice", body);

            assertThat(response.status()).as(response.raw()).isBetween(400, 499);
            assertThat(response.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(count("select count(*) from certification_record")).isEqualTo(records);
            assertThat(count("select count(*) from outbox_event")).isEqualTo(outbox);
            String sentinel = "SENTINEL-" + UUID.randomUUID();
            assertThat(api.post(PATH, "alice", """
                    {"certificationId":"ceh","credentialId":"%s","issuedOn":"2024-05-01"}""".formatted(sentinel))
                    .status()).isEqualTo(201);
            achievements.noneBefore(r -> r.value().contains("\"credentialId\":\"" + sentinel + "\""),
                    r -> ALICE.equals(r.key()));
            return response;
        }
    }
}
