-- _find's most common filter is an exact tag. GIN's answer for tags @> '["x"]' held the rule of
-- every space with that tag, each rechecked on the row, and counting a filtered page read every
-- rule of the space. A rule's tags each prefixed with its space and a separator that no space id
-- holds (chr(31)) make the lookup exact: the index alone names the space's rules with the tag.
CREATE FUNCTION space_tags(space TEXT, tags JSONB) RETURNS TEXT[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ARRAY(SELECT space || chr(31) || tag
                 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(tags) = 'array' THEN tags ELSE '[]' END) tag)
$$;

ALTER TABLE rule ADD COLUMN space_tags TEXT[] GENERATED ALWAYS AS (space_tags(space, body -> 'tags')) STORED;
CREATE INDEX rule_space_tags ON rule USING gin (space_tags);
DROP INDEX rule_tags_column;
