-- Where a notification points in the portal (hash path, e.g. '#/verification'); milestones point at '#/progress'.
ALTER TABLE notification ADD COLUMN link TEXT;
UPDATE notification SET link = '#/progress';

-- Who is who: this service's copy of ladder.profile.employees.v1 (newest updated_at wins). A caller is the person
-- whose subject is the token's sub; subject is EmployeeUpdated.signInSubject() (the employee id for old events).
CREATE TABLE person (
    employee_id   TEXT        PRIMARY KEY,
    subject       TEXT        NOT NULL,
    display_name  TEXT        NOT NULL,
    email         TEXT,
    team_id       TEXT,
    manager_id    TEXT,
    deputy_id     TEXT,
    active        BOOLEAN     NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX person_subject ON person (subject, updated_at DESC);

-- Names of certifications and skills from ladder.catalog.releases.v1, to write "CompTIA Security+" instead of the id.
CREATE TABLE catalog_name (
    kind          TEXT        NOT NULL,  -- CERTIFICATION | SKILL
    id            TEXT        NOT NULL,
    name          TEXT        NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, id)
);

-- The state of each self-declared certification claim, as far as notifying needs it: whether the current round of
-- PENDING has been announced to the manager and deputy yet (a claim that arrives before its person stays
-- unannounced until the person's EmployeeUpdated does).
CREATE TABLE claim (
    employee_id       TEXT        NOT NULL,
    achievement_id    TEXT        NOT NULL,
    certification_id  TEXT        NOT NULL,
    state             TEXT        NOT NULL,  -- PENDING | VERIFIED | REJECTED | WITHDRAWN
    recorded_at       TIMESTAMPTZ,           -- newest recording seen (null: a decision arrived first)
    opened_by         TEXT,                  -- ce_id of the recording that opened the current PENDING round
    decided_at        TIMESTAMPTZ,
    announced         BOOLEAN     NOT NULL,
    PRIMARY KEY (employee_id, achievement_id)
);
CREATE INDEX claim_unannounced ON claim (employee_id) WHERE state = 'PENDING' AND NOT announced;
