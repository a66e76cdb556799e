-- What an evaluation needs besides the result, so that neither applying an event nor a team dashboard reads the
-- ledger: the newest ledger entry the row was evaluated with (progress-service's in-memory history is used only
-- if it ends at that entry), and the employee's skills and currently valid certifications on the evaluated day.
ALTER TABLE progress ADD COLUMN ledger_seq     BIGINT NOT NULL DEFAULT 0;
ALTER TABLE progress ADD COLUMN skills         JSONB  NOT NULL DEFAULT '{}';
ALTER TABLE progress ADD COLUMN certifications JSONB  NOT NULL DEFAULT '[]';

-- team dashboards read the members of one team
CREATE INDEX employee_team_idx ON employee (team_id);
