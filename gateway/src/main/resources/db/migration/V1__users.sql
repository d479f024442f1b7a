-- The people who may call the API. Passwords are Argon2id PHC strings, never plain text.
CREATE TABLE users (
    username      text PRIMARY KEY,
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL DEFAULT '{}',
    full_name     text,
    email         text,
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
