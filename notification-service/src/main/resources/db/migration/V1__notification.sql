-- In-app notifications. id = the milestone id (deterministic), so one milestone is one row however often it
-- is delivered or re-published.
CREATE TABLE notification (
    id           TEXT        PRIMARY KEY,
    employee_id  TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    title        TEXT        NOT NULL,
    message      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    read_at      TIMESTAMPTZ
);
-- the feed: one employee's notifications, newest first (and the unread filter on top of it)
CREATE INDEX notification_feed ON notification (employee_id, created_at DESC, id DESC);
