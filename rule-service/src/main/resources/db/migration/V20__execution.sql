-- What the executors keep per rule: when its last completed run started (Kibana's
-- previousStartedAt, from which the next run's gap is computed), the window that run covered,
-- and the last execution as the rule API shows it (execution_summary.last_execution).
CREATE TABLE execution_state (
    rule_id          UUID        PRIMARY KEY,
    space            TEXT        NOT NULL,
    last_started_at  TIMESTAMPTZ,
    last_window_from TIMESTAMPTZ,
    last_window_to   TIMESTAMPTZ,
    last_execution   JSONB,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Time ranges a rule did not query (ENGINE.md §1: what catch-up could not cover).
-- status: unfilled -> in_progress -> filled (or back to unfilled when a refill fails).
CREATE TABLE execution_gap (
    id          UUID        PRIMARY KEY,
    rule_id     UUID        NOT NULL,
    space       TEXT        NOT NULL,
    range_start TIMESTAMPTZ NOT NULL,
    range_end   TIMESTAMPTZ NOT NULL,
    status      TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX execution_gap_rule ON execution_gap (rule_id, status);

-- Runs over a given range rather than on schedule: manual runs (_bulk_action run) and the
-- refills of gaps. The replica that owns the rule picks them up.
-- status: pending -> running -> complete | failed
CREATE TABLE backfill (
    id          UUID        PRIMARY KEY,
    rule_id     UUID        NOT NULL,
    space       TEXT        NOT NULL,
    range_start TIMESTAMPTZ NOT NULL,
    range_end   TIMESTAMPTZ NOT NULL,
    kind        TEXT        NOT NULL,
    gap_id      UUID,
    status      TEXT        NOT NULL,
    message     TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX backfill_pending ON backfill (rule_id) WHERE status = 'pending';

-- Threshold rules' signal history (ENGINE.md §5): per bucket of group-by values, the newest
-- event already counted in an alert, so later runs do not alert on it again.
CREATE TABLE threshold_signal_history (
    rule_id               UUID        NOT NULL,
    bucket_key            TEXT        NOT NULL,
    terms                 JSONB       NOT NULL,
    last_signal_timestamp TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (rule_id, bucket_key)
);
