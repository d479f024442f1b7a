-- A rule is stored as the document the rules API returns (minus execution_summary), with the
-- columns needed to find it: its internal id, and its human rule_id, unique within a space.
CREATE TABLE rule (
    id         UUID        PRIMARY KEY,
    space      TEXT        NOT NULL,
    rule_id    TEXT        NOT NULL,
    body       JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT rule_rule_id_unique UNIQUE (space, rule_id)
);

-- The current exception lists and items, as exceptions-service publishes them on
-- detection.exceptions.v1. space is NULL for agnostic lists (visible in every space).
CREATE TABLE exception_list_projection (
    id         UUID        PRIMARY KEY,
    space      TEXT,
    list_id    TEXT        NOT NULL,
    body       JSONB       NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE exception_item_projection (
    id         UUID        PRIMARY KEY,
    list_id    UUID        NOT NULL,
    space      TEXT,
    body       JSONB       NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX exception_item_projection_list ON exception_item_projection (list_id);
