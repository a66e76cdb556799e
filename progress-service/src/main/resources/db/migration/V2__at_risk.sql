-- The level held is no longer fully met (a certification lapsed) but the track's policy keeps it.
ALTER TABLE progress ADD COLUMN at_risk BOOLEAN NOT NULL DEFAULT false;
