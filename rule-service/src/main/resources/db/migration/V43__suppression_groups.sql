-- Alert suppression (ENGINE.md §9): per rule, the newest alert of each group of group-by values
-- that later alert candidates may still be merged into, and what it counts so far. Kept here
-- because a service never reads another's index; written once the alert was published.
-- A row ends when open_until passes (deleted at the rule's next look-up) or its alert is closed.
CREATE TABLE suppression_group (
    space             TEXT        NOT NULL,
    rule_id           UUID        NOT NULL,
    instance_id       TEXT        NOT NULL,
    alert_id          TEXT        NOT NULL,
    suppression_start TIMESTAMPTZ NOT NULL,
    suppression_end   TIMESTAMPTZ NOT NULL,
    docs_count        BIGINT      NOT NULL,
    execution_id      UUID        NOT NULL,
    open_until        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (space, rule_id, instance_id)
);
-- Closing an alert (detection.alert-changes.v1) ends its group, found by the alert's id.
CREATE INDEX suppression_group_alert ON suppression_group (alert_id);
