-- The weekly team summary (README, "Notifications → Who hears what").

-- a team's name as profile-service announces it, to title the summary
ALTER TABLE person ADD COLUMN team_name TEXT;

-- Every certification each person holds, from ladder.achievements.v1: what expires soon, what next quarter.
-- A decision, a withdrawal or a revocation at or after the newest recording makes it inactive.
CREATE TABLE held_certification (
    employee_id       TEXT        NOT NULL,
    achievement_id    TEXT        NOT NULL,
    certification_id  TEXT        NOT NULL,
    expires_on        DATE,
    recorded_at       TIMESTAMPTZ NOT NULL,
    active            BOOLEAN     NOT NULL,
    ended_at          TIMESTAMPTZ,
    PRIMARY KEY (employee_id, achievement_id)
);
CREATE INDEX held_certification_expiring ON held_certification (expires_on) WHERE active;

-- Who advanced, per team, as milestones tell it (id = the milestone id: one row however often it is consumed).
CREATE TABLE team_news (
    id           TEXT        PRIMARY KEY,
    team_id      TEXT        NOT NULL,
    employee_id  TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    title        TEXT        NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX team_news_team ON team_news (team_id, occurred_at);

-- Which summary each manager got: one per team, manager and week, whichever instance sends it.
CREATE TABLE team_summary_sent (
    team_id     TEXT        NOT NULL,
    manager_id  TEXT        NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (team_id, manager_id, due_at)
);
