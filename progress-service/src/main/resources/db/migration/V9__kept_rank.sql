-- The rank an employee keeps from earlier catalog versions of their track. Under one version the ledger alone
-- decides the level (replayed day by day from this rank), so the order facts arrive in cannot change it; a release
-- keeps what was reached before it. Rows written before this column existed keep their current level: nobody loses
-- a level by the upgrade.
ALTER TABLE progress ADD COLUMN kept_rank int;
UPDATE progress SET kept_rank = current_rank;
ALTER TABLE progress ALTER COLUMN kept_rank SET NOT NULL;
