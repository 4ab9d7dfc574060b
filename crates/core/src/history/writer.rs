//! The one writer: records arrive over a channel from the clients' observers and are inserted in
//! batches, one transaction per batch. Ids are given here, in arrival order.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use agentkit::redact::Redactor;
use agentkit::{Exchange, Observer};
use sqlx::{SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use super::classify::{self, Record};
use super::insert::{self, Row};
use super::retention::{self, HistoryRetention};
use crate::Result;

/// Records written per transaction at most: enough to amortize the commit (and each commit
/// adds a segment to the full-text index, which merging rewrites later: 2,000 cut the SQLite
/// thread's time per entry by 5% against 1,000), small enough that a waiting run is answered
/// quickly.
pub(crate) const BATCH: usize = 2000;

type Waiter = oneshot::Sender<std::result::Result<(), String>>;

/// A message to the writer.
pub(crate) enum Msg {
    Record(Box<Record>),
    /// Answered once everything sent before it is committed (or failed to be).
    Flush(Waiter),
    /// Apply the retention settings now.
    Retain,
}

/// The least time between two checkpoints.
const CHECKPOINT_INTERVAL: Duration = Duration::from_millis(250);

/// Stored bytes after which the writer checkpoints itself (see [`insert_batches`]).
const CATCH_UP_BYTES: i64 = 64 * 1024 * 1024;

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

/// Starts the writer on `pool`; ids continue after the largest stored one.
///
/// Two stages, so both cores work: the first batches records and prepares them (compression,
/// search text) on a blocking thread while the second inserts the previous batch.
pub(crate) async fn start(
    pool: SqlitePool,
    policy: Arc<RwLock<HistoryRetention>>,
) -> Result<HistorySink> {
    let (next,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM history")
        .fetch_one(&pool)
        .await?;
    let conn = insert::writer_connection(&pool).await?;
    let (tx, rx) = mpsc::unbounded_channel();
    let (prepared_tx, prepared_rx) = mpsc::channel(2);
    let wrote = Arc::new(tokio::sync::Notify::new());
    tokio::spawn(batch_and_prepare(rx, next, prepared_tx));
    tokio::spawn(checkpoints(pool.clone(), wrote.clone()));
    tokio::spawn(insert_batches(pool, conn, prepared_rx, policy, wrote));
    Ok(HistorySink { tx })
}

/// A batch ready for the database, with who waits for it.
struct Prepared {
    rows: std::result::Result<Vec<Row>, String>,
    waiters: Vec<Waiter>,
    retain: bool,
}

async fn batch_and_prepare(
    mut rx: mpsc::UnboundedReceiver<Msg>,
    mut next_id: i64,
    out: mpsc::Sender<Prepared>,
) {
    while let Some(first) = rx.recv().await {
        let mut records: Vec<Record> = Vec::new();
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
        let first_id = next_id;
        // Ids are never reused, even when a batch fails to be written.
        next_id += records.len() as i64;
        let rows = if records.is_empty() {
            Ok(Vec::new())
        } else {
            tokio::task::spawn_blocking(move || insert::prepare(records, first_id))
                .await
                .map_err(|e| e.to_string())
                .and_then(|r| r.map_err(|e| e.to_string()))
        };
        let batch = Prepared {
            rows,
            waiters,
            retain,
        };
        if out.send(batch).await.is_err() {
            break;
        }
    }
}

/// Checkpoints after writes, on their own connection, beside the writer's next batch rather
/// than in its way: at most one pending, however many batches were written meanwhile, and at
/// most one per interval (one per small batch, a run waiting for its entry, cost more than the
/// entry's commit).
async fn checkpoints(pool: SqlitePool, wrote: Arc<tokio::sync::Notify>) {
    loop {
        wrote.notified().await;
        tokio::time::sleep(CHECKPOINT_INTERVAL).await;
        if pool.is_closed() {
            break;
        }
        if let Err(e) = insert::checkpoint(&pool).await {
            tracing::debug!("history checkpoint: {e}");
        }
    }
}

/// Inserts prepared batches on the writer's connection.
///
/// While batches keep coming, the checkpoints beside them never catch up with the last frame,
/// so the WAL is never started over: it grew as large as the database (3.5 GB at 1,000,000
/// entries), every page lookup searching a larger WAL index. So after every
/// [`CATCH_UP_BYTES`] written the writer checkpoints once itself, between two transactions:
/// that copies only what the last checkpoint beside it left, and the next transaction starts
/// the WAL from its beginning.
async fn insert_batches(
    pool: SqlitePool,
    mut conn: SqliteConnection,
    mut rx: mpsc::Receiver<Prepared>,
    policy: Arc<RwLock<HistoryRetention>>,
    wrote_batch: Arc<tokio::sync::Notify>,
) {
    let mut unchecked_bytes = 0i64;
    while let Some(batch) = rx.recv().await {
        // An explicit request (new settings) is applied before flushes are answered, so the
        // caller sees its effect; the check after a write runs after answering.
        if batch.retain {
            apply_retention(&pool, &policy).await;
        }
        let outcome = match &batch.rows {
            Ok(rows) if rows.is_empty() => Ok(()),
            Ok(rows) => insert::write(&mut conn, rows)
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.clone()),
        };
        let written: &[Row] = batch.rows.as_deref().unwrap_or_default();
        if let Err(e) = &outcome {
            tracing::error!("history: a batch was not saved: {e}");
        }
        for w in batch.waiters {
            let _ = w.send(outcome.clone());
        }
        if !written.is_empty() {
            wrote_batch.notify_one();
            apply_retention(&pool, &policy).await;
            unchecked_bytes += insert::stored_bytes(written);
            if unchecked_bytes >= CATCH_UP_BYTES {
                if let Err(e) = insert::checkpoint(&mut conn).await {
                    tracing::debug!("history checkpoint: {e}");
                }
                unchecked_bytes = 0;
            }
        }
    }
}

async fn apply_retention(pool: &SqlitePool, policy: &RwLock<HistoryRetention>) {
    let now = *policy.read().unwrap_or_else(|p| p.into_inner());
    if let Err(e) = retention::apply(pool, &now).await {
        tracing::warn!("history retention failed: {e}");
    }
}
