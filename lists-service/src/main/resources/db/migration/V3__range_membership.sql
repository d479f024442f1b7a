-- "Which of these addresses fall inside a range of the list" merges the list's ranges into one
-- multirange and answers every address by a binary search in it: thousands of index probes (the
-- GiST index this replaces) cost more than reading the list's ranges once. This index finds a
-- list's range items without reading its other items.
CREATE INDEX list_item_range_items ON list_item (list_key) WHERE ip_range IS NOT NULL;
DROP INDEX list_item_ranges;
