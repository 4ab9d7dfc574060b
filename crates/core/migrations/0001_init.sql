-- Environments: connection details only. Client secrets live in the OS keychain, never here.
CREATE TABLE environments (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL,
    env_url      TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    label        TEXT NOT NULL,
    is_sandbox   INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);
CREATE UNIQUE INDEX environments_name ON environments (name COLLATE NOCASE);

-- App settings (window size, last section, active environment) as JSON values by key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
