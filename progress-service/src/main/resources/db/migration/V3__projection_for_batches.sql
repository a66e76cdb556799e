-- What an evaluation needs besides the result, so that neither applying an event nor a team dashboard reads the
-- ledger: the newest ledger entry the row was evaluated with (progress-service's in-memory history is used only
-- if it ends at that entry), and the employee's skills and currently valid certifications on the evaluated day.
ALTER TABLE progress ADD COLUMN ledger_seq     BIGINT NOT NULL DEFAULT 0;
ALTER TABLE progress ADD COLUMN skills         JSON   NOT NULL DEFAULT '{}';
ALTER TABLE progress ADD COLUMN certifications JSON   NOT NULL DEFAULT '[]';

-- Every evaluation rewrites the row, and nothing queries inside these documents: json (checked, stored as written)
-- is cheaper to write than jsonb (converted), and rows of a few KB stay inline instead of being compressed into
-- TOAST on every write.
ALTER TABLE progress ALTER COLUMN groups TYPE JSON USING groups::json;
ALTER TABLE progress SET (toast_tuple_target = 8160);

-- team dashboards read the members of one team
CREATE INDEX employee_team_idx ON employee (team_id);
