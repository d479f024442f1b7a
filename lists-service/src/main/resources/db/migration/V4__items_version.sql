-- A stamp every change of a list's items bumps in the same transaction, so a replica that holds
-- the list's values in memory (for membership questions) knows with one read by key whether
-- they are still current.
ALTER TABLE value_list ADD COLUMN items_version BIGINT NOT NULL DEFAULT 0;
