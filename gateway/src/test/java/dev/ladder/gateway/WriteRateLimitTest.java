package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import dev.ladder.keycloak.TokenClient;
import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Per-caller write limits (ratelimit.WriteRateLimitFilter) with small limits, in a context of their own so no other
 * test's writes count. A token comes back every 3 s (20 a minute), so a burst sent at once finds the bucket empty.
 * Each test writes as a caller no other test here uses.
 */
@TestPropertySource(properties = {
        "ladder.gateway.rate-limit.writes.burst=3",
        "ladder.gateway.rate-limit.writes.per-minute=20",
        "ladder.gateway.rate-limit.provisioning.burst=6",
        "ladder.gateway.rate-limit.provisioning.per-minute=20",
        "ladder.gateway.rate-limit.anonymous.burst=2",
        "ladder.gateway.rate-limit.anonymous.per-minute=20"})
class WriteRateLimitTest extends GatewayTestSupport {

    private static final String WRITE = "/api/notifications/n-1/read";

    @Test
    void aBurstOverTheLimitIsA429ProblemWithRetryAfterThatReadsAndOthersDoNotFeelAndThatPassesInTime() {
        String alice = "Bearer " + LadderInfra.accessToken("alice");
        Supplier<HttpResponse<String>> write = () -> new Browser().post(gateway(WRITE), "application/json", "{}",
                "Authorization", alice);

        Burst burst = burstUntilRefused(write, 3);

        assertThat(burst.accepted()).as("the burst of 3 passes").isGreaterThanOrEqualTo(3);
        HttpResponse<String> refused = burst.refused();
        long retryAfter = retryAfterSeconds(refused);
        assertThat(retryAfter).isBetween(1L, 3L);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(refused.body()).get("status").asInt()).isEqualTo(429);
        assertThat(json(refused.body()).get("title").asString()).isEqualTo("Too Many Requests");
        assertThat(json(refused.body()).get("detail").asString()).contains("try again in " + retryAfter);
        assertThat(NOTIFICATION.received()).as("the refused write never reached the service").hasSize(burst.accepted());
        assertThat(write.get().statusCode()).as("asked again at once").isEqualTo(429);

        // reads are not limited, and another person has a bucket of their own
        assertThat(new Browser().get(gateway("/api/notifications/me"), "Authorization", alice).statusCode())
                .isEqualTo(200);
        assertThat(new Browser().post(gateway(WRITE), "application/json", "{}",
                "Authorization", "Bearer " + LadderInfra.accessToken("bob")).statusCode()).isEqualTo(200);

        await("alice's writes pass again after Retry-After").atMost(Duration.ofSeconds(retryAfter + 5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> write.get().statusCode() == 200);
    }

    @Test
    void aPersonsPortalSessionAndTheirTokenShareOneBucket() {
        Browser portal = login("mark");
        String csrf = portal.cookie("XSRF-TOKEN").orElseThrow();
        String token = "Bearer " + LadderInfra.accessToken("mark");

        burstUntilRefused(() -> new Browser().post(gateway(WRITE), "application/json", "{}",
                "Authorization", token), 3);
        HttpResponse<String> fromThePortal = portal.post(gateway(WRITE), "application/json", "{}",
                "X-XSRF-TOKEN", csrf);

        assertThat(fromThePortal.statusCode()).isEqualTo(429);
        assertThat(retryAfterSeconds(fromThePortal)).isPositive();
        assertThat(json(fromThePortal.body()).get("detail").asString()).startsWith("Too many changes");
        assertThat(portal.get(gateway("/api/notifications/me")).statusCode()).as("reads still pass").isEqualTo(200);
    }

    @Test
    void theProvisionerHasItsOwnLargerLimitAndGetsScimErrors() {
        String provisioner = "Bearer " + new TokenClient(LadderInfra.issuerUri())
                .clientCredentialsToken("ladder-provisioner", "ladder-provisioner-secret");
        Supplier<HttpResponse<String>> provision = () -> new Browser().post(gateway("/scim/v2/Users"),
                "application/scim+json", "{\"userName\":\"x\"}", "Authorization", provisioner);

        Burst burst = burstUntilRefused(provision, 6);

        assertThat(burst.accepted()).as("more than a person's burst of 3").isGreaterThanOrEqualTo(6);
        HttpResponse<String> refused = burst.refused();
        assertThat(retryAfterSeconds(refused)).isPositive();
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/scim+json");
        assertThat(json(refused.body()).get("schemas").get(0).asString())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(json(refused.body()).get("status").asString()).isEqualTo("429");
        assertThat(new Browser().get(gateway("/scim/v2/Users"), "Authorization", provisioner).statusCode())
                .as("reads still pass").isEqualTo(200);
    }

    @Test
    void writesWithoutACallerAreLimitedByAddress() {
        Burst burst = burstUntilRefused(() -> new Browser().post(
                gateway("/api/notifications/unsubscribe?token=v1.abc.def"), "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click"), 2);

        assertThat(burst.accepted()).isGreaterThanOrEqualTo(2);
        assertThat(burst.refused().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(retryAfterSeconds(burst.refused())).isPositive();
    }

    private record Burst(int accepted, HttpResponse<String> refused) {
    }

    /**
     * Writes until the first refusal: the burst passes, then a 429. A slow machine may see a token come back during
     * the burst, so a few more writes than the burst are allowed before the test gives up.
     */
    private static Burst burstUntilRefused(Supplier<HttpResponse<String>> write, int burst) {
        int accepted = 0;
        for (int i = 0; i < burst + 3; i++) {
            HttpResponse<String> response = write.get();
            if (response.statusCode() == 429) {
                return new Burst(accepted, response);
            }
            assertThat(response.statusCode()).as("write %d of the burst", i + 1).isEqualTo(200);
            accepted++;
        }
        throw new AssertionError("no 429 after " + accepted + " writes, with a burst of " + burst);
    }

    private static long retryAfterSeconds(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    }
}
