-- Named tool inputs, per tool per environment. Values under secret-looking keys are masked by
-- the redaction policy before they are written (secrets never reach SQLite).
CREATE TABLE tool_presets (
    env_id     TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    tool_name  TEXT NOT NULL,
    name       TEXT NOT NULL,
    params     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (env_id, tool_name, name)
);
