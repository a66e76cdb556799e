package dev.ladder.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.ladder.testkit.LadderInfra;
import dev.ladder.testkit.Scrape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's {@code /actuator/prometheus} is Prometheus's alone (a token of the {@code ladder-metrics} client, whose
 * service account has the realm role {@code metrics}); people, admins included, get 403 and nobody without a token
 * gets in. The rest of the actuator stays shut.
 */
class MetricsScrapeTest extends GatewayTestSupport {

    @Test
    void onlyTheScraperMayScrape() {
        String base = gateway("");

        assertThat(Scrape.status(base, null)).isEqualTo(401);
        assertThat(Scrape.status(base, LadderInfra.accessToken("alice"))).isEqualTo(403);
        assertThat(Scrape.status(base, LadderInfra.accessToken("ada"))).isEqualTo(403);
        assertThat(Scrape.status(base, "not-a-token")).isEqualTo(401);
    }

    @Test
    void theScraperReadsTheGatewaysMetersAndNothingElseOfTheActuator() throws Exception {
        // a request first, so the gateway has served one and measured it
        assertThat(status("/actuator/health", null)).isEqualTo(200);

        Scrape scrape = Scrape.of(gateway(""));

        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
        assertThat(scrape.has("http_server_requests_seconds_count", "uri", "/actuator/health")).isTrue();
        assertThat(status("/actuator/metrics", Scrape.token())).isEqualTo(403);
        assertThat(status("/actuator/env", Scrape.token())).isEqualTo(403);
    }

    private int status(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway(path)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
