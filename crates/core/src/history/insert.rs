//! Turning records into rows (bodies compressed, search text cut) and inserting a batch of them
//! in one transaction.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::body::{self, Stored};
use super::classify::{self, Record};
use crate::Result;

/// Rows per multi-row INSERT (each binds 24 values; SQLite allows 32,766).
const ROWS_PER_INSERT: usize = 100;

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
        let mut search_body = String::new();
        search_body.push_str(body::search_text(&record.request_body));
        search_body.push('\n');
        search_body.push_str(body::search_text(&record.response_body));
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

/// Inserts prepared rows in one transaction. The connection does not checkpoint the WAL on
/// commit: [`checkpoint`] does, beside the next batch rather than in its way.
pub(crate) async fn write(pool: &SqlitePool, rows: &[Row]) -> Result<()> {
    let mut conn = pool.acquire().await?;
    sqlx::query("PRAGMA wal_autocheckpoint = 0")
        .execute(&mut *conn)
        .await?;
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO history (id, at_ms, env_id, run_id, kind, method, url, path, tool_name, \
             identifier, connection, account_id, status, status_class, error, duration_ms, \
             attempt, request_headers, response_headers, request_size, response_size, \
             stored_bytes, request_body, response_body) ",
        );
        q.push_values(chunk, |mut b, row| {
            let r = &row.record;
            b.push_bind(row.id)
                .push_bind(r.at_ms)
                .push_bind(&r.env_id)
                .push_bind(&r.run_id)
                .push_bind(r.kind.as_str())
                .push_bind(&r.method)
                .push_bind(&r.url)
                .push_bind(&r.path)
                .push_bind(&r.tool_name)
                .push_bind(&r.identifier)
                .push_bind(&r.connection)
                .push_bind(&r.account_id)
                .push_bind(r.status.map(i64::from))
                .push_bind(r.status_class.as_str())
                .push_bind(&r.error)
                .push_bind(r.duration_ms)
                .push_bind(i64::from(r.attempt))
                .push_bind(&row.request_headers)
                .push_bind(&row.response_headers)
                .push_bind(r.request_size as i64)
                .push_bind(r.response_size as i64)
                .push_bind(row.stored_bytes)
                .push_bind(inline(&row.request))
                .push_bind(inline(&row.response));
        });
        q.build().execute(&mut *tx).await?;

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
        if !big.is_empty() {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO history_bodies (entry_id, part, size, truncated, zstd) ",
            );
            q.push_values(&big, |mut b, (id, part, size, blob)| {
                b.push_bind(*id)
                    .push_bind(*part)
                    .push_bind(*size)
                    .push_bind(*size as usize > classify::MAX_BODY)
                    .push_bind(*blob);
            });
            q.build().execute(&mut *tx).await?;
        }

        let mut q: QueryBuilder<Sqlite> =
            QueryBuilder::new("INSERT INTO history_fts (rowid, tool, path, identifier, body) ");
        q.push_values(chunk, |mut b, row| {
            let r = &row.record;
            let who = match (&r.identifier, &r.connection, &r.account_id) {
                (None, None, None) => None,
                (i, c, a) => Some(
                    [i, c, a]
                        .into_iter()
                        .flatten()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            };
            b.push_bind(row.id)
                .push_bind(&r.tool_name)
                .push_bind(&r.path)
                .push_bind(who)
                .push_bind(&row.search_body);
        });
        q.build().execute(&mut *tx).await?;
    }
    let bytes: i64 = rows.iter().map(|r| r.stored_bytes).sum();
    sqlx::query("UPDATE history_stats SET entries = entries + ?, bytes = bytes + ? WHERE id = 1")
        .bind(rows.len() as i64)
        .bind(bytes)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Copies what the WAL holds into the database file (PASSIVE: never waits for the writer or
/// readers, and never blocks them).
pub(crate) async fn checkpoint(pool: &SqlitePool) -> Result<()> {
    sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
        .execute(pool)
        .await?;
    Ok(())
}
