-- The working copy of the catalog. Admins will edit these rows; nobody outside catalog-service reads them:
-- readers and the other services see only published, immutable snapshots (catalog_version).

CREATE TABLE track (
    id          TEXT        PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        TEXT        NOT NULL,
    summary     TEXT,
    source      TEXT,                                  -- where the content was imported from
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Lists that are only ever read and edited whole (titles, responsibilities, KPIs, requirement groups) are jsonb;
-- skills, salaries and certifications are rows because they are queried and referenced on their own.
CREATE TABLE level (
    track_id         TEXT  NOT NULL REFERENCES track (id) ON DELETE CASCADE,
    id               TEXT  NOT NULL,
    rank             INT   NOT NULL CHECK (rank >= 1),
    name             TEXT  NOT NULL,
    min_years        INT   NOT NULL CHECK (min_years >= 0),
    max_years        INT   CHECK (max_years IS NULL OR max_years >= min_years),
    job_titles       JSONB NOT NULL DEFAULT '[]',
    responsibilities JSONB NOT NULL DEFAULT '[]',
    kpis             JSONB NOT NULL DEFAULT '[]',
    requirements     JSONB NOT NULL DEFAULT '[]',      -- [RequirementGroup] as in CatalogVersionPublished
    PRIMARY KEY (track_id, id),
    UNIQUE (track_id, rank)
);

-- Skills and certifications are shared across tracks: the same id means the same thing everywhere.
CREATE TABLE skill (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE level_skill (
    track_id TEXT NOT NULL,
    level_id TEXT NOT NULL,
    skill_id TEXT NOT NULL REFERENCES skill (id),
    ordinal  INT  NOT NULL,
    PRIMARY KEY (track_id, level_id, skill_id),
    FOREIGN KEY (track_id, level_id) REFERENCES level (track_id, id) ON DELETE CASCADE
);

CREATE TABLE salary_band (
    track_id    TEXT    NOT NULL,
    level_id    TEXT    NOT NULL,
    region      TEXT    NOT NULL,                      -- slug, e.g. united-states (as EmployeeUpdated.region)
    region_name TEXT    NOT NULL,
    currency    CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    min_amount  BIGINT  NOT NULL CHECK (min_amount >= 0),
    max_amount  BIGINT  CHECK (max_amount IS NULL OR max_amount >= min_amount),   -- NULL = open upper bound
    ordinal     INT     NOT NULL,
    PRIMARY KEY (track_id, level_id, region),
    FOREIGN KEY (track_id, level_id) REFERENCES level (track_id, id) ON DELETE CASCADE
);

CREATE TABLE certification (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    renewal_months INT  CHECK (renewal_months IS NULL OR renewal_months > 0)
);

-- Where a certification sits on a track's pathway ("Year 1-2" → 1..2, "Year 7+" → 7..NULL).
CREATE TABLE track_certification (
    track_id          TEXT NOT NULL REFERENCES track (id) ON DELETE CASCADE,
    certification_id  TEXT NOT NULL REFERENCES certification (id),
    pathway_from_year INT  NOT NULL CHECK (pathway_from_year >= 0),
    pathway_to_year   INT  CHECK (pathway_to_year IS NULL OR pathway_to_year >= pathway_from_year),
    ordinal           INT  NOT NULL,
    PRIMARY KEY (track_id, certification_id)
);

-- Published versions: immutable, numbered per track from 1. The primary key is what makes a duplicate
-- publication (two instances importing the seed at once) impossible rather than unlikely.
CREATE TABLE catalog_version (
    track_id     TEXT        NOT NULL REFERENCES track (id),
    version      INT         NOT NULL CHECK (version >= 1),
    published_at TIMESTAMPTZ NOT NULL,
    snapshot     JSONB       NOT NULL,                 -- TrackContent as published
    PRIMARY KEY (track_id, version)
);
