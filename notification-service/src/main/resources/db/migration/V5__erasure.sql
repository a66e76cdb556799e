-- GDPR Art. 17 (EmployeeErased). Erased people are recognised by the SHA-256 of their employee id, never the id
-- itself: a claim, an achievement or a milestone about one that arrives after the erasure is discarded (not
-- dead-lettered, which would store the id again). erasure_id names the erasure, not the person.
CREATE TABLE erased_person (
    id_hash     TEXT        PRIMARY KEY,
    erasure_id  TEXT        NOT NULL,
    erased_at   TIMESTAMPTZ NOT NULL
);
