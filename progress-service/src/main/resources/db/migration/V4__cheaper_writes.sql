-- Every applied event appends a ledger row and rewrites its employee's projection row; these make both cheaper.

-- The payload is read back whole (as text, into the contract record) and never queried inside: json checks it and
-- stores it as written, jsonb would parse it into its binary form on every append.
ALTER TABLE ledger_entry ALTER COLUMN payload TYPE json USING payload::json;

-- Room on each page for the next version of a row: a rewrite of a projection row then stays on its page as a
-- heap-only tuple, with no new entry in the primary key index (no indexed column changes).
ALTER TABLE progress SET (fillfactor = 50);
