package dev.ladder.kit.tracing;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * A W3C trace context as it travels: the {@code traceparent} and {@code tracestate} values (trace id, parent span id,
 * flags; vendor state). The outbox keeps one per row, so the trace of the request that wrote an event goes on when
 * the relay publishes it later on another thread; records carry it in their headers, next to the {@code ce_*} ones.
 *
 * @param traceparent e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}
 * @param tracestate  may be null
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** The longest values kept: a header longer than this is not a trace context worth keeping (W3C: 55 and 512). */
    static final int MAX_TRACEPARENT = 55;
    static final int MAX_TRACESTATE = 512;

    /** The context a record arrived with, or null when it has none (or a malformed one: the record is still read). */
    public static TraceContext of(Headers headers) {
        String traceparent = text(headers.lastHeader(TRACEPARENT), MAX_TRACEPARENT);
        if (traceparent == null || !traceparent.matches("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
            return null;
        }
        return new TraceContext(traceparent, text(headers.lastHeader(TRACESTATE), MAX_TRACESTATE));
    }

    /** The trace id (32 hex digits). */
    public String traceId() {
        return traceparent.substring(3, 35);
    }

    private static String text(Header header, int max) {
        if (header == null || header.value() == null || header.value().length > max) {
            return null;
        }
        return new String(header.value(), StandardCharsets.US_ASCII);
    }
}
