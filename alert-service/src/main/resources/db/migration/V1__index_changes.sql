-- Who changed a space's alerts index, and how; Elasticsearch itself keeps no such record.
CREATE TABLE index_changes (
    id          BIGSERIAL PRIMARY KEY,
    space       TEXT        NOT NULL,
    change      TEXT        NOT NULL CHECK (change IN ('created', 'mapping_updated', 'deleted')),
    user_name   TEXT        NOT NULL,
    indices     TEXT[]      NOT NULL,  -- the concrete indices the change touched
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
