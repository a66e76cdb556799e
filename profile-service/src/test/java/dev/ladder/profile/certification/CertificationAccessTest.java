package dev.ladder.profile.certification;

import dev.ladder.profile.Api;
import dev.ladder.profile.ProfileServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
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
    void aColleagueMayNotReadThemAndIsToldNothingMoreThanForAnUnknownId() {
        Api.Response response = api.get(ALICES, "bob");

        assertThat(response.status()).isEqualTo(404);
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
        assertThat(api.get("/api/profiles/" + MARK + "/certifications", "alice").status()).isEqualTo(404);
    }

    @Test
    void theListsArePagedAndTheOwnOneStaysAnArrayWithItsTotalInAHeader() {
        Api.Response page = api.get(ALICES + "?size=1", "mark");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("size").asInt()).isEqualTo(1);
        assertThat(page.json().path("items").size()).isEqualTo(1);
        assertThat(page.json().path("total").asLong()).isGreaterThanOrEqualTo(1);

        Api.Response mine = api.get("/api/profiles/me/certifications", "alice");
        assertThat(mine.json().isArray()).isTrue();
        long total = Long.parseLong(mine.header("X-Total-Count").orElseThrow());
        assertThat(total).isEqualTo(mine.json().size()).isEqualTo(page.json().path("total").asLong());
        assertThat(mine.raw()).contains(credential);
        if (total > 1) {
            Api.Response first = api.get("/api/profiles/me/certifications?size=1", "alice");
            assertThat(first.json().size()).isEqualTo(1);
            assertThat(first.header("Link")).hasValue(
                    "</api/profiles/me/certifications?page=1&size=1>; rel=\"next\"");
        }

        for (String tooBig : List.of(ALICES + "?size=201", "/api/profiles/me/certifications?size=201",
                ALICES + "?page=-1")) {
            Api.Response refused = api.get(tooBig, "ada");
            assertThat(refused.status()).as(tooBig).isEqualTo(400);
            assertThat(refused.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void theManagersTeamListIsForManagersOnly() {
        Api.Response response = api.get("/api/profiles/teams/mine", "alice");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}
