-- Lists get a compact key, so the millions of rows of their items index a number rather than text,
-- and a revision for their _version.
ALTER TABLE value_list ADD COLUMN list_key BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE;

-- The addresses an ip or ip_range item covers, so "is this address inside any range of the list"
-- is an index probe. inet orders IPv4 before IPv6, so a range never mixes the two.
CREATE TYPE inetrange AS RANGE (subtype = inet);

-- The values of the lists: what Kibana keeps in the .items-<space> data stream.
CREATE TABLE list_item (
    list_key       BIGINT NOT NULL REFERENCES value_list (list_key),
    item_key       BIGINT GENERATED ALWAYS AS IDENTITY,   -- insertion order: exports give values back as imported
    space          TEXT   NOT NULL,
    id             TEXT   NOT NULL,
    value          TEXT   NOT NULL,                       -- as given (trimmed): what reads and exports return
    match_key      TEXT   NOT NULL,                       -- the value normalised for its type: what membership compares
    ip_range       inetrange,                             -- only for items covering more than one address
    meta           JSONB,
    tie_breaker_id TEXT   NOT NULL,
    created_at     TEXT   NOT NULL,
    created_by     TEXT   NOT NULL,
    updated_at     TEXT   NOT NULL,
    updated_by     TEXT   NOT NULL,
    revision       INT    NOT NULL DEFAULT 0,
    PRIMARY KEY (list_key, item_key)
);
CREATE UNIQUE INDEX list_item_by_id ON list_item (space, id);
CREATE INDEX list_item_by_value ON list_item (list_key, match_key);
CREATE INDEX list_item_ranges ON list_item USING gist (ip_range) WHERE ip_range IS NOT NULL;
