package dev.ladder.kit.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The service's tracer as the outbox needs it: the context of the current span to keep with a row, and a producer
 * span, child of a kept context, whose context goes into the record's headers. With tracing off (Micrometer's no-op
 * tracer and propagator) rows keep no context and records carry none.
 */
public class Traces {

    private final Tracer tracer;
    private final Propagator propagator;

    public Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracing: what a service gets when tracing is switched off, and what tests of other parts use. */
    public static Traces off() {
        return new Traces(Tracer.NOOP, Propagator.NOOP);
    }

    /** The context of the current span on this thread, or null when there is none. */
    public TraceContext current() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        String traceparent = carrier.get(TraceContext.TRACEPARENT);
        return traceparent == null ? null : new TraceContext(traceparent, carrier.get(TraceContext.TRACESTATE));
    }

    /**
     * Starts a producer span named {@code <topic> publish}, a child of {@code parent} (a new trace when it is null),
     * and writes its context into {@code headers}. The caller ends it when the broker answered.
     */
    public Span startPublish(TraceContext parent, String topic, Headers headers) {
        Span span = start(parent, topic + " publish", Span.Kind.PRODUCER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", topic);
        propagator.inject(span.context(), headers, (target, name, value) -> {
            target.remove(name);
            target.add(name, value.getBytes(StandardCharsets.US_ASCII));
        });
        return span;
    }

    /**
     * Starts a span named {@code name}, a child of {@code parent} (a new trace when it is null): work done later, on
     * another thread, for something that was traced when it was queued. The caller ends it.
     */
    public Span start(TraceContext parent, String name, Span.Kind kind) {
        Map<String, String> carrier = new HashMap<>();
        if (parent != null) {
            carrier.put(TraceContext.TRACEPARENT, parent.traceparent());
            if (parent.tracestate() != null) {
                carrier.put(TraceContext.TRACESTATE, parent.tracestate());
            }
        }
        return propagator.extract(carrier, Map::get).name(name).kind(kind).start();
    }

    /** Makes {@code span} the current one on this thread (log lines carry its ids) until the scope closes. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }
}
