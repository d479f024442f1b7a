-- A filter on tags (the most common _find filter) must not read every matching rule's whole
-- document: GIN's answers for @> are rechecked on the row, and rechecking body->'tags' detoasts
-- the body. The tags in a small column of their own make that recheck cheap.
ALTER TABLE rule ADD COLUMN tags JSONB GENERATED ALWAYS AS (body->'tags') STORED;
CREATE INDEX rule_tags_column ON rule USING gin (tags jsonb_path_ops);
DROP INDEX rule_tags;
