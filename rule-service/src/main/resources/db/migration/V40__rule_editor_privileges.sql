-- A rule runs with the index privileges of the user who last edited it (or updated its key):
-- the Elasticsearch index privileges of that user's caller token at the edit, as layers of
-- {names, privileges} (libs/contracts CallerToken). The editor's name is the body's updated_by.
-- NULL for rules written before this column existed: they run without the check.
ALTER TABLE rule ADD COLUMN editor_index_privileges JSONB;
