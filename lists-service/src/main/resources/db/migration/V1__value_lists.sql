-- The value-list storage of each space: what Kibana keeps in the .lists-<space> and .items-<space>
-- data streams. A space can hold value lists once it has a row here.
CREATE TABLE list_index (
    space TEXT PRIMARY KEY
);

-- Value lists, each stored as the document the API returns. Only the lists: their values belong in
-- a table of their own, keyed by (space, list id, ...), so lists of millions of values never weigh
-- on reading or finding the lists.
CREATE TABLE value_list (
    space    TEXT  NOT NULL REFERENCES list_index (space),
    id       TEXT  NOT NULL,
    document JSONB NOT NULL,
    PRIMARY KEY (space, id)
);
