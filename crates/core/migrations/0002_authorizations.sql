-- How authorization links come back to the app, per environment: a kitbench:// deep link or a
-- loopback URL (http://127.0.0.1:<port>/auth/verify) served while an authorization is pending.
ALTER TABLE environments ADD COLUMN callback_mode TEXT NOT NULL DEFAULT 'deep_link';

-- Authorizations the app started (magic links). The link itself is a credential and is never
-- stored; neither is the state: only its SHA-256, enough to match a returning link.
-- Deleting an environment deletes its authorizations, so a link for it matches nothing.
CREATE TABLE authorizations (
    id            TEXT PRIMARY KEY NOT NULL,
    env_id        TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    account_id    TEXT NOT NULL,
    connection    TEXT NOT NULL,
    identifier    TEXT NOT NULL,
    state_hash    TEXT NOT NULL,
    callback_mode TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    status        TEXT NOT NULL,
    reason        TEXT,
    -- Set (atomically, before verify is called) by the first link that carries the state: a
    -- second delivery of the same link finds it used, whatever became of the first.
    used          INTEGER NOT NULL DEFAULT 0,
    completed_at  TEXT
);
CREATE UNIQUE INDEX authorizations_state ON authorizations (state_hash);
CREATE INDEX authorizations_recent ON authorizations (env_id, created_at);
