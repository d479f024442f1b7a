-- Roles in Kibana's shape: {"elasticsearch":{cluster,indices,run_as},"kibana":[{base,feature,spaces}],"metadata"}.
-- Reserved roles (superuser, viewer, editor) live in the code, never here.
CREATE TABLE roles (
    name       text PRIMARY KEY,
    definition jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- API keys. The secret is kept only as a salted SHA-256; limited_by is the snapshot of the owner's
-- privileges at creation (layers of named roles), role_descriptors the narrowing the owner asked for.
CREATE TABLE api_keys (
    id               text PRIMARY KEY,
    name             text        NOT NULL,
    owner            text        NOT NULL,
    secret_salt      bytea       NOT NULL,
    secret_hash      bytea       NOT NULL,
    limited_by       jsonb       NOT NULL,
    role_descriptors jsonb       NOT NULL DEFAULT '[]',
    metadata         jsonb       NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz,
    invalidated_at   timestamptz
);
CREATE INDEX api_keys_owner ON api_keys (owner);
CREATE INDEX api_keys_name ON api_keys (name);

-- Elasticsearch's user body carries free metadata too.
ALTER TABLE users ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}';
