-- Every published catalog version is kept: the newest one is evaluated, older ones explain past results.
CREATE TABLE catalog_version (
    track_id     TEXT        NOT NULL,
    version      INTEGER     NOT NULL,
    snapshot     JSONB       NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (track_id, version)
);

-- Local copy of profile-service's employees: what the rules and the ownership checks need.
CREATE TABLE employee (
    employee_id  TEXT        PRIMARY KEY,
    display_name TEXT        NOT NULL,
    team_id      TEXT,
    team_name    TEXT,
    manager_id   TEXT,
    track_id     TEXT        NOT NULL,
    start_date   DATE,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX employee_track_idx ON employee (track_id);
CREATE INDEX employee_manager_idx ON employee (manager_id);

-- Append-only: facts are never edited; a correction is a new event.
CREATE TABLE ledger_entry (
    id             BIGSERIAL   PRIMARY KEY,
    employee_id    TEXT        NOT NULL,
    event_id       TEXT        NOT NULL UNIQUE,
    type           TEXT        NOT NULL,
    effective_date DATE        NOT NULL,
    payload        JSONB       NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entry_employee_idx ON ledger_entry (employee_id, effective_date);

CREATE FUNCTION ledger_entry_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entry is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entry_append_only
    BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();

-- The read model: where each employee stands, evaluated against the newest catalog version of their track.
CREATE TABLE progress (
    employee_id        TEXT        PRIMARY KEY,
    track_id           TEXT        NOT NULL,
    catalog_version    INTEGER     NOT NULL,
    current_level_id   TEXT        NOT NULL,
    current_level_name TEXT        NOT NULL,
    current_rank       INTEGER     NOT NULL,
    next_level_id      TEXT,
    next_level_name    TEXT,
    next_rank          INTEGER,
    readiness_percent  INTEGER     NOT NULL CHECK (readiness_percent BETWEEN 0 AND 100),
    groups             JSONB       NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);

-- A milestone is announced once, ever: replays, duplicates and readiness dipping and recovering don't repeat it.
CREATE TABLE emitted_milestone (
    milestone_id TEXT        PRIMARY KEY,
    employee_id  TEXT        NOT NULL,
    emitted_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
