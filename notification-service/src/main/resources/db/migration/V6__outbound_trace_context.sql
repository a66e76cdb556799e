-- The trace of the event an item was queued for (W3C traceparent/tracestate): sending the message, later and on
-- another thread, continues it, and a webhook request carries it to the receiver.
ALTER TABLE outbound_item ADD COLUMN trace_parent text;
ALTER TABLE outbound_item ADD COLUMN trace_state text;
