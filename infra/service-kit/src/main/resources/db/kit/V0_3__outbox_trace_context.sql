-- The W3C trace context of the work that wrote the event (dev.ladder.kit.tracing.TraceContext): the relay publishes
-- later, on its own thread, and continues that trace from here. Null for rows written outside any trace and for
-- rows written before this version (their records start a trace of their own).
ALTER TABLE outbox_event
    ADD COLUMN trace_parent TEXT,
    ADD COLUMN trace_state  TEXT;
