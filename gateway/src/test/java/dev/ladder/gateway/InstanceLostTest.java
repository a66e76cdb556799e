package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;

/**
 * A service instance that dies while it handles a request closes the gateway's connection without an answer (with
 * several instances behind a load balancer, the next connection reaches a live one). A read is sent once more; a
 * write is not repeated and gets a 502 problem saying it may or may not have been done; never a bare 500.
 */
class InstanceLostTest extends GatewayTestSupport {

    @Test
    void aReadWhoseConnectionClosesBeforeTheAnswerIsSentOnceMore() {
        CATALOG.dropConnections("/api/catalog/tracks", 1);

        HttpResponse<String> response = new Browser().get(gateway("/api/catalog/tracks"),
                "Authorization", "Bearer " + LadderInfra.accessToken("alice"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"stub\":true");
        assertThat(CATALOG.received()).hasSize(2);
    }

    @Test
    void aReadThatFailsTwiceIsA502ProblemNotA500() {
        CATALOG.dropConnections("/api/catalog/tracks", 5);

        HttpResponse<String> response = new Browser().get(gateway("/api/catalog/tracks"),
                "Authorization", "Bearer " + LadderInfra.accessToken("alice"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("detail").asString())
                .isEqualTo("The catalog service closed the connection before it answered; try again");
        assertThat(CATALOG.received()).hasSize(2); // one try and one retry, no more
    }

    @Test
    void aWriteIsNeverRepeatedAndSaysItMayOrMayNotHaveBeenDone() {
        NOTIFICATION.dropConnections("/api/notifications/n-1/read", 1);

        HttpResponse<String> response = new Browser().post(gateway("/api/notifications/n-1/read"), "application/json",
                "{}", "Authorization", "Bearer " + LadderInfra.accessToken("alice"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response.body()).get("detail").asString()).isEqualTo("The notification service closed the "
                + "connection before it answered; the change may or may not have been made: look before you try again");
        assertThat(NOTIFICATION.received()).hasSize(1);
    }
}
