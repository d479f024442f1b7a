-- Action connectors (Kibana's saved objects of type "action") as rule imports carried them, per
-- space and without their secrets, so that an export of rules with actions carries them back out.
CREATE TABLE action_connector (
    space      TEXT        NOT NULL,
    id         TEXT        NOT NULL,
    body       JSONB       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (space, id)
);
