//! The one writer: records arrive over a channel from the clients' observers and are inserted in
//! batches, one transaction per batch. Ids are given here, in arrival order.

use std::sync::{Arc, RwLock};

use agentkit::redact::Redactor;
use agentkit::{Exchange, Observer};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use super::body::{self, Stored};
use super::classify::{self, Record};
use super::retention::{self, HistoryRetention};
use crate::Result;

/// Records written per transaction at most: enough to amortize the commit, small enough that
/// a waiting run is answered quickly.
const BATCH: usize = 1000;

/// Rows per multi-row INSERT (each binds 24 values; SQLite allows 32,766).
const ROWS_PER_INSERT: usize = 100;

/// A message to the writer.
pub(crate) enum Msg {
    Record(Box<Record>),
    /// Answered once everything sent before it is committed (or failed to be).
    Flush(oneshot::Sender<std::result::Result<(), String>>),
    /// Apply the retention settings now.
    Retain,
}

/// Where records go; cheap to clone.
#[derive(Debug, Clone)]
pub struct HistorySink {
    tx: mpsc::UnboundedSender<Msg>,
}

impl HistorySink {
    /// Hands a classified record to the writer.
    pub fn send(&self, record: Record) {
        // The writer only stops when the app does; a record sent after that has nowhere to go.
        let _ = self.tx.send(Msg::Record(Box::new(record)));
    }

    /// Waits until every record sent before this call is committed.
    pub async fn flush(&self) -> Result<()> {
        let (tx, rx) = oneshot::channel();
        if self.tx.send(Msg::Flush(tx)).is_err() {
            return Err(crate::Error::NotFound(
                "The history writer has stopped.".into(),
            ));
        }
        match rx.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(crate::Error::Io {
                context: "the history could not be saved".into(),
                source: std::io::Error::other(e),
            }),
            Err(_) => Err(crate::Error::NotFound(
                "The history writer has stopped.".into(),
            )),
        }
    }

    /// Whether the writer has stopped.
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }

    /// Asks the writer to apply retention.
    pub fn retain(&self) {
        let _ = self.tx.send(Msg::Retain);
    }

    /// An observer for the clients of `env_id`.
    pub fn recorder(&self, env_id: &str, redactor: Redactor) -> Recorder {
        Recorder {
            env_id: env_id.to_string(),
            sink: self.clone(),
            redactor,
        }
    }
}

/// The observer installed on every client: classifies each exchange, tags it with the
/// environment and the current run, and passes it to the writer (never blocks on disk).
#[derive(Debug)]
pub struct Recorder {
    env_id: String,
    sink: HistorySink,
    redactor: Redactor,
}

impl Observer for Recorder {
    fn on_exchange(&self, exchange: &Exchange) {
        let run = crate::run_tag::current();
        self.sink.send(classify::record(
            exchange,
            &self.env_id,
            run,
            &self.redactor,
        ));
    }
}

/// Starts the writer task on `pool`; ids continue after the largest stored one.
pub(crate) async fn start(
    pool: SqlitePool,
    policy: Arc<RwLock<HistoryRetention>>,
) -> Result<HistorySink> {
    let (next,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM history")
        .fetch_one(&pool)
        .await?;
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(run(pool, rx, next, policy));
    Ok(HistorySink { tx })
}

async fn run(
    pool: SqlitePool,
    mut rx: mpsc::UnboundedReceiver<Msg>,
    mut next_id: i64,
    policy: Arc<RwLock<HistoryRetention>>,
) {
    while let Some(first) = rx.recv().await {
        let mut records = Vec::new();
        let mut waiters = Vec::new();
        let mut retain = false;
        let mut msg = Some(first);
        while let Some(m) = msg.take() {
            match m {
                Msg::Record(r) => records.push(*r),
                Msg::Flush(w) => waiters.push(w),
                Msg::Retain => retain = true,
            }
            if records.len() < BATCH {
                msg = rx.try_recv().ok();
            }
        }
        // An explicit request (new settings) is applied before flushes are answered, so the
        // caller sees its effect; the check after a write runs after answering.
        if retain {
            apply_retention(&pool, &policy).await;
        }
        let mut outcome = Ok(());
        let wrote = !records.is_empty();
        if wrote {
            let count = records.len() as i64;
            match write(&pool, records, next_id).await {
                Ok(()) => next_id += count,
                Err(e) => {
                    tracing::error!("history: {count} entries not saved: {e}");
                    outcome = Err(e.to_string());
                }
            }
        }
        for w in waiters {
            let _ = w.send(outcome.clone());
        }
        if wrote {
            apply_retention(&pool, &policy).await;
        }
    }
}

async fn apply_retention(pool: &SqlitePool, policy: &RwLock<HistoryRetention>) {
    let now = *policy.read().unwrap_or_else(|p| p.into_inner());
    if let Err(e) = retention::apply(pool, &now).await {
        tracing::warn!("history retention failed: {e}");
    }
}

/// A record with its bodies prepared for storage.
struct Row {
    id: i64,
    record: Record,
    request_headers: String,
    response_headers: String,
    request: Stored,
    response: Stored,
    stored_bytes: i64,
    search_body: String,
}

fn prepare(records: Vec<Record>, first_id: i64) -> Result<Vec<Row>> {
    let mut rows = Vec::with_capacity(records.len());
    for (i, record) in records.into_iter().enumerate() {
        let request = body::store(&record.request_body)?;
        let response = body::store(&record.response_body)?;
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

/// Inserts `records` as ids `first_id..` in one transaction.
pub(crate) async fn write(pool: &SqlitePool, records: Vec<Record>, first_id: i64) -> Result<()> {
    // Compression is CPU work: off the async threads.
    let rows = tokio::task::spawn_blocking(move || prepare(records, first_id))
        .await
        .map_err(|e| crate::Error::io("history writer", std::io::Error::other(e)))??;
    let mut tx = pool.begin().await?;
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
