-- The in-app feed gets a per-recipient sequence: the id of each Server-Sent Event, so a reconnect with Last-Event-ID
-- resumes exactly after the last one seen. It is taken from feed_cursor under the recipient's row lock, so a
-- recipient's sequence numbers commit in order (a global sequence could commit 11 before 10 and a resume would skip 10).
ALTER TABLE notification ADD COLUMN seq BIGINT;
UPDATE notification n SET seq = s.rn
FROM (SELECT id, row_number() OVER (PARTITION BY employee_id ORDER BY created_at, id) AS rn FROM notification) s
WHERE n.id = s.id;
ALTER TABLE notification ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX notification_recipient_seq ON notification (employee_id, seq);

CREATE TABLE feed_cursor (
    employee_id  TEXT   PRIMARY KEY,
    last_seq     BIGINT NOT NULL
);
INSERT INTO feed_cursor (employee_id, last_seq) SELECT employee_id, max(seq) FROM notification GROUP BY employee_id;

-- Each person's choice per kind × channel. No row: the kind's default (README, "Preferences").
CREATE TABLE preference (
    employee_id  TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    channel      TEXT        NOT NULL,  -- IN_APP | EMAIL
    mode         TEXT        NOT NULL,  -- ON | OFF | DAILY | WEEKLY (digests: e-mail only)
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (employee_id, kind, channel)
);

-- When digests go out and when nothing but critical news may: in the person's own time zone. No row: defaults.
CREATE TABLE delivery_settings (
    employee_id  TEXT        PRIMARY KEY,
    time_zone    TEXT        NOT NULL,  -- IANA id, e.g. Europe/Berlin
    digest_hour  SMALLINT    NOT NULL,  -- 0..23, local
    digest_day   SMALLINT    NOT NULL,  -- ISO day of week of the weekly digest, 1 = Monday
    quiet_from   TIME,                  -- local; both null = no quiet hours; may wrap midnight (22:00 → 07:00)
    quiet_until  TIME,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- Team chat endpoints (Slack, Microsoft Teams, generic JSON), signed per Standard Webhooks.
CREATE TABLE webhook_endpoint (
    id                     UUID        PRIMARY KEY,
    owner_id               TEXT        NOT NULL,  -- employee id of who registered it (told when it is disabled)
    team_id                TEXT,                  -- the team whose news it receives; null = organisation (admins)
    url                    TEXT        NOT NULL,
    format                 TEXT        NOT NULL,  -- SLACK | TEAMS | JSON
    kinds                  TEXT[]      NOT NULL,
    description            TEXT,
    secret                 TEXT        NOT NULL,  -- whsec_…; shown once, at creation or rotation
    previous_secret        TEXT,                  -- still signs beside the new one until previous_secret_until
    previous_secret_until  TIMESTAMPTZ,
    enabled                BOOLEAN     NOT NULL,
    disabled_reason        TEXT,
    disabled_at            TIMESTAMPTZ,
    failing_since          TIMESTAMPTZ,           -- first failure of the current run of failures; null when healthy
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_endpoint_team ON webhook_endpoint (team_id) WHERE enabled;
CREATE INDEX webhook_endpoint_owner ON webhook_endpoint (owner_id);

-- One outgoing e-mail or webhook request. Its id is the e-mail's Message-ID and the request's webhook-id: the same on
-- every attempt, so receivers can de-duplicate a retry after a crash mid-send. While OPEN it collects notifications
-- for the same target (a burst becomes one message; a digest collects until its hour); the sender claims it when due.
CREATE TABLE outbound_message (
    id               UUID        PRIMARY KEY,
    channel          TEXT        NOT NULL,  -- EMAIL | WEBHOOK
    target           TEXT        NOT NULL,  -- EMAIL: employee id; WEBHOOK: endpoint id
    grouping         TEXT        NOT NULL,  -- NOW | DAILY | WEEKLY
    status           TEXT        NOT NULL,  -- OPEN | SENDING | RETRY | SENT | FAILED | CANCELLED
    created_at       TIMESTAMPTZ NOT NULL,
    next_attempt_at  TIMESTAMPTZ NOT NULL,  -- OPEN: when it is due; RETRY: the next try
    lease_until      TIMESTAMPTZ,           -- SENDING: another sender may take it over after this (a crashed one)
    attempts         INT         NOT NULL DEFAULT 0,
    sent_at          TIMESTAMPTZ,
    last_status      INT,
    last_error       TEXT
);
-- at most one open message per target and grouping: what arrives meanwhile joins it
CREATE UNIQUE INDEX outbound_message_open ON outbound_message (channel, target, grouping) WHERE status = 'OPEN';
CREATE INDEX outbound_message_due ON outbound_message (next_attempt_at) WHERE status IN ('OPEN', 'RETRY');
CREATE INDEX outbound_message_leased ON outbound_message (lease_until) WHERE status = 'SENDING';
CREATE INDEX outbound_message_target ON outbound_message (channel, target, created_at DESC);

-- The notifications a message carries, copied: a team's webhook gets a wording of its own, and a later change of the
-- in-app row (read) must not change what was sent. The key makes each notification at most one item per channel and
-- target, however often its event is consumed.
CREATE TABLE outbound_item (
    channel           TEXT        NOT NULL,
    target            TEXT        NOT NULL,
    notification_key  TEXT        NOT NULL,
    message_id        UUID        NOT NULL REFERENCES outbound_message (id),
    kind              TEXT        NOT NULL,
    title             TEXT        NOT NULL,
    message           TEXT        NOT NULL,
    link              TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel, target, notification_key)
);
CREATE INDEX outbound_item_message ON outbound_item (message_id, created_at);

-- The delivery log: every attempt of every message.
CREATE TABLE delivery_attempt (
    message_id       UUID        NOT NULL REFERENCES outbound_message (id),
    attempt          INT         NOT NULL,
    started_at       TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ NOT NULL,
    outcome          TEXT        NOT NULL,  -- DELIVERED | RETRY | GONE | FAILED
    status_code      INT,
    error            TEXT,
    next_attempt_at  TIMESTAMPTZ,
    PRIMARY KEY (message_id, attempt)
);
