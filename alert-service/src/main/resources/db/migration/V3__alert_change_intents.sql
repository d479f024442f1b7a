-- A page of changes is recorded once before Elasticsearch is asked to make them: one intent row
-- holding the page's alerts (each with the _seq_no it was read at and its field changes), where
-- there was a 'pending' row per alert, updated to 'applied' afterwards. Once Elasticsearch
-- answered, one transaction deletes the intent and inserts the changes it made into alert_changes
-- with their events, so alert_changes now holds applied changes only and each is written once.
-- Intents a crash left behind are settled by PendingChanges, as pending rows were.
CREATE TABLE alert_change_intents (
    id             BIGSERIAL PRIMARY KEY,
    request_id     UUID        NOT NULL,
    space          TEXT        NOT NULL,
    action         TEXT        NOT NULL CHECK (action IN ('status', 'tags', 'assignees')),
    user_name      TEXT        NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL,   -- the request's time
    -- the page's alerts, position by position
    alert_ids      TEXT[]      NOT NULL,
    alert_indices  TEXT[]      NOT NULL,
    seq_nos        BIGINT[]    NOT NULL,
    primary_terms  BIGINT[]    NOT NULL,
    changes        TEXT[]      NOT NULL,   -- each alert's [{"field", "from", "to"}] as JSON text
    recorded_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- A row lives for one round trip to Elasticsearch: compressing its arrays would cost more than it saves.
ALTER TABLE alert_change_intents ALTER COLUMN alert_ids SET STORAGE EXTERNAL,
    ALTER COLUMN alert_indices SET STORAGE EXTERNAL, ALTER COLUMN seq_nos SET STORAGE EXTERNAL,
    ALTER COLUMN primary_terms SET STORAGE EXTERNAL, ALTER COLUMN changes SET STORAGE EXTERNAL;
CREATE INDEX alert_change_intents_by_age ON alert_change_intents (recorded_at);

-- Pending rows of the earlier scheme become intents, one per request, and are settled the same way.
INSERT INTO alert_change_intents (request_id, space, action, user_name, changed_at, alert_ids, alert_indices,
                                  seq_nos, primary_terms, changes, recorded_at)
SELECT request_id, min(space), min(action), min(user_name), min(changed_at),
       array_agg(alert_id ORDER BY id), array_agg(alert_index ORDER BY id), array_agg(seq_no ORDER BY id),
       array_agg(primary_term ORDER BY id), array_agg(changes::text ORDER BY id), min(recorded_at)
FROM alert_changes WHERE state = 'pending' GROUP BY request_id;
DELETE FROM alert_changes WHERE state = 'pending';
DROP INDEX alert_changes_pending;
ALTER TABLE alert_changes DROP COLUMN state;
