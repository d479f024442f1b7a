-- Exception lists and their items: each row keeps the document the API returns, plus the columns
-- that find it and keep its human id unique.
--
-- space: the space that owns a "single" list or item, or '' for an "agnostic" one, which every
-- space sees. Using '' rather than NULL keeps one plain unique constraint per table: a human id
-- is unique within a space, and separately among the agnostic lists (as Kibana keeps single and
-- agnostic lists apart).

CREATE TABLE exception_list (
    id       UUID PRIMARY KEY,
    space    TEXT  NOT NULL,
    list_id  TEXT  NOT NULL,
    document JSONB NOT NULL,
    CONSTRAINT exception_list_list_id_unique UNIQUE (space, list_id)
);

CREATE TABLE exception_item (
    id                UUID PRIMARY KEY,
    space             TEXT  NOT NULL,
    item_id           TEXT  NOT NULL,
    exception_list_id UUID  NOT NULL REFERENCES exception_list (id),
    document          JSONB NOT NULL,
    CONSTRAINT exception_item_item_id_unique UNIQUE (space, item_id)
);

CREATE INDEX exception_item_by_list ON exception_item (exception_list_id);
