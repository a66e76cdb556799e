-- The ledger is the inbox of ladder.achievements.v1, and CloudEvents makes an event unique by its source and id
-- together: an LMS and a credential issuer may both send an event "1". Entries appended before this version did not
-- keep the source; they get '' (no event has an empty source) and still stand for their id from any source (Ledger),
-- so an event applied before the upgrade is not appended again when it is delivered after it.
-- Adding a column with a constant default rewrites no row (and fires no append-only trigger).
ALTER TABLE ledger_entry ADD COLUMN event_source TEXT NOT NULL DEFAULT '';
ALTER TABLE ledger_entry ALTER COLUMN event_source DROP DEFAULT;
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_event_id_key;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_event_key UNIQUE (event_source, event_id);
