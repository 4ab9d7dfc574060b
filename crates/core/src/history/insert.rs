//! Turning records into rows (bodies compressed, search text cut) and inserting a batch of them
//! in one transaction.

use sqlx::{Connection, QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use super::body::{self, Stored};
use super::classify::{self, Record};
use super::{keys, words};
use crate::Result;

/// Rows per multi-row INSERT into the tables: 24 values each, 24,000 in all (SQLite allows
/// 32,766 per statement).
const ROWS_PER_INSERT: usize = 1000;

/// Rows per INSERT into the full-text indexes: a whole batch (5 values a row), so one
/// statement per index. FTS5 writes what it gathered in memory as a new segment at every
/// statement of a transaction (a multi-row INSERT opens a savepoint, and FTS5 flushes at
/// each), and merging segments later is most of its cost: with 100 rows per statement a
/// batch of 2,000 became 20 segments. The history benchmark at 300,000 entries: the SQLite
/// thread's time per entry 50 µs → 34 µs.
const ROWS_PER_INDEX_INSERT: usize = super::writer::BATCH;

/// A record with its bodies prepared for storage.
pub(crate) struct Row {
    id: i64,
    record: Record,
    request_headers: String,
    response_headers: String,
    request: Stored,
    response: Stored,
    stored_bytes: i64,
    search_body: String,
    keys: String,
}

/// Prepares `records` as ids `first_id..` (CPU work: run it off the async threads).
pub(crate) fn prepare(records: Vec<Record>, first_id: i64) -> Result<Vec<Row>> {
    let mut rows = Vec::with_capacity(records.len());
    let z = &mut body::compressor()?;
    for (i, record) in records.into_iter().enumerate() {
        let request = body::store(z, &record.request_body)?;
        let response = body::store(z, &record.response_body)?;
        let request_headers = serde_json::to_string(&record.request_headers)?;
        let response_headers = serde_json::to_string(&record.response_headers)?;
        let search_body = words::unique_words(&[
            body::search_text(&record.request_body),
            body::search_text(&record.response_body),
        ]);
        let keys = keys::of_entry(
            record.identifier.as_deref(),
            record.connection.as_deref(),
            record.account_id.as_deref(),
        );
        let stored_bytes = (request.len()
            + response.len()
            + request_headers.len()
            + response_headers.len()
            + record.url.len() * 2
            + 128) as i64;
        rows.push(Row {
            id: first_id + i as i64,
            record,
            request_headers,
            response_headers,
            request,
            response,
            stored_bytes,
            search_body,
            keys,
        });
    }
    Ok(rows)
}

fn inline(s: &Stored) -> Option<&[u8]> {
    match s {
        Stored::Inline(b) => Some(b),
        _ => None,
    }
}

/// Pages the writer's connection keeps in memory (KiB; SQLite's default is 2 MiB). A batch
/// touches the FTS hash's flushed segments, the pages being merged, and leaf pages of the
/// identifier index all over the table: with the default, pages were evicted inside a
/// transaction and read back from the file a moment later. It fills only as pages are used.
const WRITER_CACHE_KIB: i64 = 64 * 1024;

/// The writer's own connection (one writer, so nothing waits for a pooled connection, and its
/// cache stays warm from one batch to the next). It does not checkpoint the WAL on commit:
/// [`checkpoint`] does, beside the next batch rather than in its way.
pub(crate) async fn writer_connection(pool: &SqlitePool) -> Result<SqliteConnection> {
    let options = (*pool.connect_options())
        .clone()
        .pragma("cache_size", format!("-{WRITER_CACHE_KIB}"))
        .pragma("wal_autocheckpoint", "0")
        // When the WAL starts over, its file is cut back to this size rather than staying as
        // large as the longest burst made it.
        .pragma("journal_size_limit", (64 * 1024 * 1024).to_string());
    Ok(SqliteConnection::connect_with(&options).await?)
}

/// Inserts prepared rows in one transaction.
pub(crate) async fn write(conn: &mut SqliteConnection, rows: &[Row]) -> Result<()> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        insert_entries(&mut tx, chunk).await?;
        insert_bodies(&mut tx, chunk).await?;
    }
    for chunk in rows.chunks(ROWS_PER_INDEX_INSERT) {
        index(&mut tx, chunk).await?;
    }
    sqlx::query("UPDATE history_stats SET entries = entries + ?, bytes = bytes + ? WHERE id = 1")
        .bind(rows.len() as i64)
        .bind(stored_bytes(rows))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn insert_entries(conn: &mut SqliteConnection, chunk: &[Row]) -> Result<()> {
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
        "INSERT INTO history (id, at_ms, env_id, run_id, kind, method, url, path, tool_name, \
         identifier, connection, account_id, status, status_class, error, duration_ms, \
         attempt, request_headers, response_headers, request_size, response_size, \
         stored_bytes, request_body, response_body) ",
    );
    q.push_values(chunk, |mut b, row| {
        let r = &row.record;
        // `&str`, not `&String`: sqlx keeps a borrowed str as is, and clones a String.
        b.push_bind(row.id)
            .push_bind(r.at_ms)
            .push_bind(r.env_id.as_str())
            .push_bind(r.run_id.as_deref())
            .push_bind(r.kind.as_str())
            .push_bind(r.method.as_str())
            .push_bind(r.url.as_str())
            .push_bind(r.path.as_str())
            .push_bind(r.tool_name.as_deref())
            .push_bind(r.identifier.as_deref())
            .push_bind(r.connection.as_deref())
            .push_bind(r.account_id.as_deref())
            .push_bind(r.status.map(i64::from))
            .push_bind(r.status_class.as_str())
            .push_bind(r.error.as_deref())
            .push_bind(r.duration_ms)
            .push_bind(i64::from(r.attempt))
            .push_bind(row.request_headers.as_str())
            .push_bind(row.response_headers.as_str())
            .push_bind(r.request_size as i64)
            .push_bind(r.response_size as i64)
            .push_bind(row.stored_bytes)
            .push_bind(inline(&row.request))
            .push_bind(inline(&row.response));
    });
    q.build().execute(conn).await?;
    Ok(())
}

async fn insert_bodies(conn: &mut SqliteConnection, chunk: &[Row]) -> Result<()> {
    let mut big = Vec::new();
    for row in chunk {
        for (part, stored, size) in [
            (0i64, &row.request, row.record.request_size),
            (1, &row.response, row.record.response_size),
        ] {
            if let Stored::Compressed(blob) = stored {
                big.push((row.id, part, size as i64, blob.as_slice()));
            }
        }
    }
    if big.is_empty() {
        return Ok(());
    }
    let mut q: QueryBuilder<Sqlite> =
        QueryBuilder::new("INSERT INTO history_bodies (entry_id, part, size, truncated, zstd) ");
    q.push_values(&big, |mut b, (id, part, size, blob)| {
        b.push_bind(*id)
            .push_bind(*part)
            .push_bind(*size)
            .push_bind(*size as usize > classify::MAX_BODY)
            .push_bind(*blob);
    });
    q.build().execute(conn).await?;
    Ok(())
}

/// Adds rows to the full-text index and the account keys.
async fn index(conn: &mut SqliteConnection, chunk: &[Row]) -> Result<()> {
    let mut q: QueryBuilder<Sqlite> =
        QueryBuilder::new("INSERT INTO history_fts (rowid, tool, path, identifier, body) ");
    q.push_values(chunk, |mut b, row| {
        let r = &row.record;
        let who = [&r.identifier, &r.connection, &r.account_id]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        b.push_bind(row.id)
            .push_bind(r.tool_name.as_deref())
            .push_bind(r.path.as_str())
            .push_bind(who)
            .push_bind(row.search_body.as_str());
    });
    q.build().execute(&mut *conn).await?;

    let keyed: Vec<&Row> = chunk.iter().filter(|r| !r.keys.is_empty()).collect();
    if !keyed.is_empty() {
        let mut q: QueryBuilder<Sqlite> =
            QueryBuilder::new("INSERT INTO history_keys (rowid, keys) ");
        q.push_values(keyed, |mut b, row| {
            b.push_bind(row.id).push_bind(row.keys.as_str());
        });
        q.build().execute(conn).await?;
    }
    Ok(())
}

/// What `rows` take on disk (as counted for retention).
pub(crate) fn stored_bytes(rows: &[Row]) -> i64 {
    rows.iter().map(|r| r.stored_bytes).sum()
}

/// Copies what the WAL holds into the database file (PASSIVE: never waits for the writer or
/// readers). Made between the writer's transactions on its own connection, it completes unless
/// a reader still uses older pages, and the next transaction starts the WAL from its beginning.
pub(crate) async fn checkpoint<'c>(db: impl sqlx::SqliteExecutor<'c>) -> Result<()> {
    sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
        .execute(db)
        .await?;
    Ok(())
}
