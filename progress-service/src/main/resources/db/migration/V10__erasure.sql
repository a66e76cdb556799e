-- GDPR Art. 17 (EmployeeErased). Erased people are recognised by the SHA-256 of their employee id, never the id
-- itself: an achievement or a profile change about one that arrives after the erasure is discarded (not
-- dead-lettered, which would store the id again). erasure_id names the erasure, not the person.
CREATE TABLE erased_person (
    id_hash     TEXT        PRIMARY KEY,
    erasure_id  TEXT        NOT NULL,
    erased_at   TIMESTAMPTZ NOT NULL
);

-- The ledger stays append-only, except for an erasure: the transaction that erases a person sets
-- ladder.erasure = 'on' (set_config(..., true): for that transaction only) and may then delete the person's entries
-- and scrub mentions of them in others' payloads.
CREATE OR REPLACE FUNCTION ledger_entry_is_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('ladder.erasure', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'ledger_entry is append-only';
END;
$$ LANGUAGE plpgsql;
