-- Events waiting to be published. Written in the same transaction as the change they describe,
-- so a change is never stored without its event nor published without being stored.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL,
    topic       TEXT        NOT NULL,
    record_key  TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    subject     TEXT        NOT NULL,
    payload     TEXT,                 -- JSON; NULL is a tombstone
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
