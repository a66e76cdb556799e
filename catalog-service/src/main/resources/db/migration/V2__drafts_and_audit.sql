-- Issue 3: the working copy of a track becomes one document (TrackContent as JSON) that admins edit whole and that
-- carries everything a roadmap says (descriptive sections included). The version-1 tables (level, skill,
-- salary_band, certification…) are kept read-only for tracks imported before this migration: their draft is built
-- from them until the first edit stores it here.
CREATE TABLE track_draft (
    track_id   TEXT        PRIMARY KEY REFERENCES track (id) ON DELETE CASCADE,
    revision   INT         NOT NULL CHECK (revision >= 1),   -- the ETag of the draft; bumped by every write
    document   JSONB       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Who changed what when: every import, draft change and publication. Append-only.
CREATE TABLE catalog_audit (
    id             BIGSERIAL   PRIMARY KEY,
    track_id       TEXT        NOT NULL,
    action         TEXT        NOT NULL CHECK (action IN ('IMPORT', 'DRAFT_UPDATE', 'PUBLISH')),
    actor_id       TEXT        NOT NULL,                    -- token sub, or 'system' for the seed
    actor_username TEXT,
    revision       INT,
    version        INT,
    detail         TEXT,
    at             TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX catalog_audit_track ON catalog_audit (track_id, id);
