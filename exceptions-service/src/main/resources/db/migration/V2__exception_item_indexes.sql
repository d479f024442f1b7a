-- Items are listed per list, oldest first (the default order of _find and of exports), so a page
-- of a large list is read from the index rather than sorted whole.
CREATE INDEX exception_item_by_list_created ON exception_item (exception_list_id, (document->>'created_at'), id);

-- The values of items' entries, for _find filters on exception-list.attributes.entries.value (the
-- expression is KqlFilters' own, so the planner matches it).
CREATE INDEX exception_item_entry_values ON exception_item
    USING GIN (jsonb_path_query_array(document, 'lax $.entries[*].value[*]') jsonb_path_ops);
