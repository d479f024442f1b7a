-- A list's id is text: Kibana gives the endpoint list the fixed id "endpoint_list" (prebuilt rules
-- name it {"id":"endpoint_list",...}); every other list keeps its generated UUID.
ALTER TABLE exception_item DROP CONSTRAINT exception_item_exception_list_id_fkey;
ALTER TABLE exception_list ALTER COLUMN id TYPE TEXT;
ALTER TABLE exception_item ALTER COLUMN exception_list_id TYPE TEXT;

-- An endpoint list created before now takes its fixed id, its items following it.
UPDATE exception_item SET exception_list_id = 'endpoint_list'
    WHERE exception_list_id = (SELECT id FROM exception_list WHERE space = '' AND list_id = 'endpoint_list');
UPDATE exception_list SET id = 'endpoint_list', document = jsonb_set(document, '{id}', '"endpoint_list"')
    WHERE space = '' AND list_id = 'endpoint_list';

ALTER TABLE exception_item ADD CONSTRAINT exception_item_exception_list_id_fkey
    FOREIGN KEY (exception_list_id) REFERENCES exception_list (id);

-- The value lists items' list entries name, so deleting a value list finds the items referring to
-- it without reading every item (the expression is ExceptionItemRepository's own).
CREATE INDEX exception_item_value_lists ON exception_item
    USING GIN (jsonb_path_query_array(document, 'lax $.entries[*].list.id') jsonb_path_ops);
