-- Every change alert-service makes to an alert (status, tags, assignees): who, when, and each
-- field from -> to. A row is written 'pending' before Elasticsearch is asked to change the alert
-- and becomes 'applied' (with its event in the outbox, in the same transaction) once Elasticsearch
-- acknowledged; a change Elasticsearch refused is deleted. Pending rows a crash left behind are
-- settled by comparing them with the alert as Elasticsearch holds it (PendingChanges).
CREATE TABLE alert_changes (
    id            BIGSERIAL PRIMARY KEY,
    request_id    UUID        NOT NULL,
    space         TEXT        NOT NULL,
    alert_id      TEXT        NOT NULL,
    alert_index   TEXT        NOT NULL,   -- the concrete index the alert was read from
    seq_no        BIGINT      NOT NULL,   -- the alert's _seq_no when read: the write was conditional on it
    primary_term  BIGINT      NOT NULL,
    action        TEXT        NOT NULL CHECK (action IN ('status', 'tags', 'assignees')),
    user_name     TEXT        NOT NULL,
    changes       JSONB       NOT NULL,   -- [{"field", "from", "to"}]
    state         TEXT        NOT NULL CHECK (state IN ('pending', 'applied')),
    changed_at    TIMESTAMPTZ NOT NULL,   -- the request's time
    recorded_at   TIMESTAMPTZ NOT NULL DEFAULT now(),  -- when this row was written: how long it has been pending
    -- a request changes an alert once: recording it again (a retry) writes nothing twice
    UNIQUE (request_id, alert_id)
);
CREATE INDEX alert_changes_by_alert ON alert_changes (space, alert_id, id);
CREATE INDEX alert_changes_pending ON alert_changes (recorded_at) WHERE state = 'pending';
