-- The projection row keeps where each employee stands and what a team dashboard shows, and no longer the
-- requirement-by-requirement explanation: that is most of a row's bytes, every applied event rewrote it, and it is
-- derived again on read (the same pure evaluation of the ledger up to ledger_seq, on evaluated_on).
ALTER TABLE progress DROP COLUMN groups;
ALTER TABLE progress ADD COLUMN evaluated_on DATE;
UPDATE progress SET evaluated_on = (updated_at AT TIME ZONE 'UTC')::date;
ALTER TABLE progress ALTER COLUMN evaluated_on SET NOT NULL;

-- The newest ledger entry the row was evaluated with: progress-service's in-memory history of the employee is used
-- only if it ends at that entry. Rows written before were evaluated with the whole ledger.
ALTER TABLE progress ADD COLUMN ledger_seq BIGINT NOT NULL DEFAULT 0;
UPDATE progress p SET ledger_seq = COALESCE((SELECT max(id) FROM ledger_entry l WHERE l.employee_id = p.employee_id), 0);

-- Skills, and the certifications held that will lapse (per certification the copy that lasts longest), on the
-- evaluated day, so team dashboards never read the ledger. json (checked, stored as written) is cheaper to rewrite
-- than jsonb, and nothing queries inside them. NULL only in rows written before this version: progress-service
-- re-evaluates those at start-up.
ALTER TABLE progress ADD COLUMN skills                 JSON;
ALTER TABLE progress ADD COLUMN lapsing_certifications JSON;

-- team dashboards read the members of one team
CREATE INDEX employee_team_idx ON employee (team_id);
