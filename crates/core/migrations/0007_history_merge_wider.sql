-- Merge the full-text index's segments 32 at a time instead of 16, and merge a level all at
-- once only when it holds 64 segments (FTS5's default, 16, would otherwise cut every level at
-- 16 whatever automerge says). Each merge rewrites the postings it takes in: with one segment
-- per batch of 2,000 entries, a posting is rewritten about log16(500) = 2.2 times by 1,000,000
-- entries, log32(500) = 1.8 times now. The history benchmark at 1,000,000 entries (bodies
-- compressed from 1 KiB): the SQLite thread 41 µs → 36 µs per entry; search p95 4.7 → 6.2 ms
-- (more segments to read per query; the aim is 25 ms).
INSERT INTO history_fts (history_fts, rank) VALUES ('automerge', 32);
INSERT INTO history_fts (history_fts, rank) VALUES ('crisismerge', 64);
