-- What _find sorts and filters on most, kept as columns PostgreSQL maintains from the stored
-- document, so a page of 10,000+ rules is an index scan rather than a parse of every body.
ALTER TABLE rule
    ADD COLUMN name       TEXT    GENERATED ALWAYS AS (body->>'name') STORED,
    ADD COLUMN enabled    BOOLEAN GENERATED ALWAYS AS ((body->>'enabled')::boolean) STORED,
    ADD COLUMN risk_score INTEGER GENERATED ALWAYS AS ((body->>'risk_score')::integer) STORED,
    ADD COLUMN severity   TEXT    GENERATED ALWAYS AS (body->>'severity') STORED;

CREATE INDEX rule_space_name ON rule (space, name, id);
CREATE INDEX rule_space_created ON rule (space, created_at, id);
CREATE INDEX rule_space_updated ON rule (space, updated_at, id);
CREATE INDEX rule_space_risk_score ON rule (space, risk_score, id);
CREATE INDEX rule_space_enabled ON rule (space, enabled);
CREATE INDEX rule_tags ON rule USING gin ((body->'tags'));
-- The rule-default exception list may belong to one rule only: who references a list is a lookup.
CREATE INDEX rule_exception_lists ON rule USING gin ((body->'exceptions_list') jsonb_path_ops);
