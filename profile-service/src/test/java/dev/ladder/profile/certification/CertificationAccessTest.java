package dev.ladder.profile.certification;

import dev.ladder.profile.Api;
import dev.ladder.profile.ProfileServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CertificationAccessTest extends ProfileServiceTest {

    private static final String ALICES = "/api/profiles/" + ALICE + "/certifications";

    private String credential;

    @BeforeEach
    void aliceHoldsACertification() {
        credential = "GIT-" + UUID.randomUUID();
        assertThat(api.post("/api/profiles/me/certifications", "alice", """
                {"certificationId":"google-it-support","credentialId":"%s","issuedOn":"2024-02-01"}"""
                .formatted(credential)).status()).isEqualTo(201);
    }

    @Test
    void withoutATokenTheCallerIsUnauthorized() {
        Api.Response response = api.get("/api/profiles/me/certifications", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aliceReadsHerOwnCertificationsByIdToo() {
        assertThat(api.get(ALICES, "alice").raw()).contains(credential);
    }

    @Test
    void aColleagueMayNotReadThem() {
        Api.Response response = api.get(ALICES, "bob");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.raw()).doesNotContain(credential);
    }

    @Test
    void herManagerMayReadThem() {
        Api.Response response = api.get(ALICES, "mark");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw()).contains(credential);
    }

    @Test
    void anAdminMayReadThem() {
        Api.Response response = api.get(ALICES, "ada");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw()).contains(credential);
    }

    @Test
    void anUnknownEmployeeIsNotFound() {
        assertThat(api.get("/api/profiles/" + UUID.randomUUID() + "/certifications", "ada").status())
                .isEqualTo(404);
    }

    @Test
    void markIsNotAlicesEmployeeSoSheCannotReadHis() {
        assertThat(api.get("/api/profiles/" + MARK + "/certifications", "alice").status()).isEqualTo(403);
    }

    @Test
    void theManagersTeamListIsForManagersOnly() {
        Api.Response response = api.get("/api/profiles/teams/mine", "alice");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}
