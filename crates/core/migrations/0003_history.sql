-- The request history: one row per HTTP exchange the app's clients made, already redacted by
-- the client's Redactor. Ids are given by the one writer task in increasing order, so "newest
-- first" is `ORDER BY id DESC` and pages are keyset ranges on the rowid.
-- No foreign key to environments: an entry records what was sent, also after its environment
-- is gone, and the insert path stays free of per-row key checks.
CREATE TABLE history (
    id              INTEGER PRIMARY KEY,
    at_ms           INTEGER NOT NULL,           -- when the answer (or the error) arrived, Unix ms
    env_id          TEXT NOT NULL,
    run_id          TEXT,                       -- the user action (tool run, replay) it belongs to
    kind            TEXT NOT NULL,              -- tool | proxy | mcp | management | token
    method          TEXT NOT NULL,
    url             TEXT NOT NULL,
    path            TEXT NOT NULL,              -- path and query, without the environment's origin
    tool_name       TEXT,
    identifier      TEXT,
    connection      TEXT,
    account_id      TEXT,
    status          INTEGER,                    -- NULL when no answer arrived
    status_class    TEXT NOT NULL,              -- 2xx | 3xx | 4xx | 5xx | error
    error           TEXT,
    duration_ms     REAL NOT NULL,
    attempt         INTEGER NOT NULL,
    request_headers TEXT NOT NULL,              -- JSON [[name, value], …]
    response_headers TEXT NOT NULL,
    request_size    INTEGER NOT NULL,           -- the body's size as sent, before any truncation
    response_size   INTEGER NOT NULL,
    stored_bytes    INTEGER NOT NULL,           -- what this entry takes on disk (for retention)
    -- Bodies up to 4 KiB live here, last, so the columns above are read without them; larger
    -- ones are zstd-compressed in history_bodies and these are NULL.
    request_body    BLOB,
    response_body   BLOB
);
CREATE INDEX history_env ON history (env_id, id);
CREATE INDEX history_account ON history (account_id, id) WHERE account_id IS NOT NULL;
CREATE INDEX history_identifier ON history (identifier, connection, id) WHERE identifier IS NOT NULL;
CREATE INDEX history_run ON history (run_id) WHERE run_id IS NOT NULL;
CREATE INDEX history_tool ON history (tool_name, id) WHERE tool_name IS NOT NULL;
CREATE INDEX history_at ON history (at_ms);

-- Bodies over 4 KiB, zstd-compressed; part 0 is the request, 1 the response. `size` is the
-- body's size as received; `truncated` is set when it was over 50 MB and only 50 MB were kept.
CREATE TABLE history_bodies (
    entry_id  INTEGER NOT NULL REFERENCES history (id) ON DELETE CASCADE,
    part      INTEGER NOT NULL,
    size      INTEGER NOT NULL,
    truncated INTEGER NOT NULL DEFAULT 0,
    zstd      BLOB NOT NULL,
    PRIMARY KEY (entry_id, part)
) WITHOUT ROWID;

-- Full-text search over tool name, path, identifier and connection, and the bodies' text (the
-- first 64 KiB of each). Contentless: the text is already in the tables above, so only the
-- index is stored; contentless_delete lets entries be deleted by rowid (= history.id).
-- detail=none: the index keeps which entries hold a token, not where. That makes writing it
-- 2-3x faster and the index about 6x smaller than with positions; the price is no phrase
-- queries, so a searched word with punctuation (gmail_fetch_mails, a@b.com) matches entries
-- that hold all its parts. A 16 MB hash and automerge 8 write fewer, larger segments.
CREATE VIRTUAL TABLE history_fts USING fts5 (
    tool, path, identifier, body,
    content = '',
    contentless_delete = 1,
    detail = none
);
INSERT INTO history_fts (history_fts, rank) VALUES ('automerge', 8);
INSERT INTO history_fts (history_fts, rank) VALUES ('hashsize', 16777216);

-- Count and size of the history, so retention checks are O(1): the writer adds each batch in
-- its transaction; the trigger below takes deleted entries off.
CREATE TABLE history_stats (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    entries INTEGER NOT NULL,
    bytes   INTEGER NOT NULL
);
INSERT INTO history_stats (id, entries, bytes) VALUES (1, 0, 0);

-- Every way an entry goes (delete, clear, retention) takes its index entries with it.
CREATE TRIGGER history_delete AFTER DELETE ON history BEGIN
    DELETE FROM history_fts WHERE rowid = old.id;
    UPDATE history_stats SET entries = entries - 1, bytes = bytes - old.stored_bytes WHERE id = 1;
END;
