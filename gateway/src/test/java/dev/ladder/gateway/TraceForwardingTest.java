package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.Test;

/**
 * The gateway is where a portal request's trace begins or, when the caller already traces, goes on: the service
 * behind it receives a W3C {@code traceparent} of the same trace under the gateway's own span.
 */
class TraceForwardingTest extends GatewayTestSupport {

    static final String W3C = "00-[0-9a-f]{32}-[0-9a-f]{16}-01";

    @Test
    void aTracedCallerTraceGoesOnToTheService() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = traceId.substring(0, 16);

        new Browser().get(gateway("/api/profiles/me"), "Authorization", "Bearer " + LadderInfra.accessToken("alice"),
                "traceparent", "00-" + traceId + "-" + callerSpan + "-01");

        assertThat(PROFILE.received()).singleElement().satisfies(request -> {
            String traceparent = request.header("traceparent");
            assertThat(traceparent).matches(W3C);
            assertThat(traceparent.substring(3, 35)).as("the caller's trace").isEqualTo(traceId);
            assertThat(traceparent.substring(36, 52)).as("the gateway's span").isNotEqualTo(callerSpan);
        });
    }

    @Test
    void anUntracedCallStartsATraceAtTheGateway() {
        new Browser().get(gateway("/api/profiles/me"), "Authorization", "Bearer " + LadderInfra.accessToken("alice"));

        assertThat(PROFILE.received()).singleElement()
                .satisfies(request -> assertThat(request.header("traceparent")).matches(W3C));
    }
}
