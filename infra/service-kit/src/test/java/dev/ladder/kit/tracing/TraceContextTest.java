package dev.ladder.kit.tracing;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What a record's trace headers are taken for: a well-formed W3C traceparent only; anything else is ignored. */
class TraceContextTest {

    static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aWellFormedTraceparentAndItsStateAreKept() {
        TraceContext context = TraceContext.of(headers(VALID, "vendor=a1"));

        assertThat(context).isEqualTo(new TraceContext(VALID, "vendor=a1"));
        assertThat(context.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void malformedOrOversizedValuesAreNotTakenForATrace() {
        assertThat(TraceContext.of(new RecordHeaders())).isNull();
        assertThat(TraceContext.of(headers("00-not-a-trace-01", null))).isNull();
        assertThat(TraceContext.of(headers(VALID.toUpperCase(), null))).as("W3C: lower-case hex").isNull();
        assertThat(TraceContext.of(headers(VALID + "\r\nX-Injected: 1", null))).isNull();
        assertThat(TraceContext.of(headers(VALID, "x".repeat(513)))).as("an oversized state is dropped, not the trace")
                .isEqualTo(new TraceContext(VALID, null));
    }

    static RecordHeaders headers(String traceparent, String tracestate) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TraceContext.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
        if (tracestate != null) {
            headers.add(TraceContext.TRACESTATE, tracestate.getBytes(StandardCharsets.US_ASCII));
        }
        return headers;
    }
}
