-- The track each employee was on, per profile change, so "as of" a past day judges them on the track they had then
-- (a move to another track must not rewrite their history). The start date is not kept: a changed start date is a
-- correction, true for every day.
CREATE TABLE employee_track (
    employee_id TEXT        NOT NULL,
    since       TIMESTAMPTZ NOT NULL, -- the EmployeeUpdated's updatedAt
    track_id    TEXT        NOT NULL,
    PRIMARY KEY (employee_id, since)
);

INSERT INTO employee_track (employee_id, since, track_id) SELECT employee_id, updated_at, track_id FROM employee;
