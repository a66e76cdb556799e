-- CloudEvents makes an event unique by its source and id together, not by its id alone: two producers that number
-- their events alike must not drop each other's. Rows written before this version did not keep the source; they get
-- '' (no event has an empty source), and the inbox still treats such a row as standing for its id from any source,
-- so an event applied before the upgrade is not applied again when it is delivered after it.
--
-- Versioned 0.x like V0_1 so it sorts before every service's own migrations (V1, V2, ...) in a new database; in a
-- database those already ran in, it runs out of order (the kit's Flyway customizer allows that).
ALTER TABLE processed_event ADD COLUMN event_source TEXT NOT NULL DEFAULT '';
ALTER TABLE processed_event ALTER COLUMN event_source DROP DEFAULT;
ALTER TABLE processed_event DROP CONSTRAINT processed_event_pkey;
ALTER TABLE processed_event ADD PRIMARY KEY (event_source, event_id, consumer);
