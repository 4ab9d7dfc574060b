//! Write-through of the store to the data file. A write takes the store's changes under its
//! lock and queues them with a ticket (so the queue's order is the order the writes happened
//! in); one writer task commits what is queued, several writes to a transaction when they
//! arrive together, and publishes the last ticket committed. The `observe` middleware holds
//! each request's answer until the tickets of the writes it made are committed: an answered
//! write is on disk.
//!
//! A failed commit (a full disk) is kept and retried with the next one; the requests waiting
//! for it are answered 500 saying so, since their change is in memory but not on disk.

use super::db::{Db, Encoded};
use super::store::Changes;
use std::cell::Cell;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// Batches at least this large are serialized on a blocking thread.
const BLOCKING_ROWS: usize = 1_000;
/// Wait before retrying a failed commit when nothing new arrives.
const RETRY: Duration = Duration::from_millis(500);

tokio::task_local! {
    /// The highest ticket of the writes the current request made.
    static TICKET: Cell<u64>;
}

/// Runs `f`, noting the tickets of the writes it makes; answers its output and the highest.
pub(crate) async fn tracking<F: Future>(f: F) -> (F::Output, u64) {
    TICKET
        .scope(Cell::new(0), async {
            let out = f.await;
            (out, TICKET.with(Cell::get))
        })
        .await
}

/// Notes a ticket for the request being handled (nothing outside [`tracking`]).
pub(crate) fn note(ticket: u64) {
    let _ = TICKET.try_with(|c| c.set(c.get().max(ticket)));
}

#[derive(Debug, Clone, Default)]
struct Progress {
    committed: u64,
    /// The last commit's error, while its changes wait for a retry.
    failed: Option<Arc<str>>,
}

/// The handle writes queue their changes on.
pub(crate) struct Persister {
    queue: mpsc::UnboundedSender<(u64, Changes)>,
    enqueued: AtomicU64,
    last_next_seq: AtomicU64,
    progress: watch::Receiver<Progress>,
    stop: CancellationToken,
}

impl Persister {
    /// Starts the writer task on `db`.
    pub(crate) fn start(db: Db) -> (Self, JoinHandle<()>) {
        let (queue, rx) = mpsc::unbounded_channel();
        let (tx, progress) = watch::channel(Progress::default());
        let stop = CancellationToken::new();
        let writer = tokio::spawn(run(db, rx, tx, stop.clone()));
        let persister = Self {
            queue,
            enqueued: AtomicU64::new(0),
            last_next_seq: AtomicU64::new(0),
            progress,
            stop,
        };
        (persister, writer)
    }

    /// Queues `changes` (call with the store's write lock held) and answers their ticket, or
    /// `None` when nothing changed.
    pub(crate) fn enqueue(&self, changes: Changes) -> Option<u64> {
        let seq_moved =
            self.last_next_seq.swap(changes.next_seq, Ordering::Relaxed) != changes.next_seq;
        if changes.rows() == 0 && !changes.all && !seq_moved {
            return None;
        }
        let ticket = self.enqueued.fetch_add(1, Ordering::Relaxed) + 1;
        // Only fails once the writer has stopped (shutdown): nothing is written then.
        let _ = self.queue.send((ticket, changes));
        note(ticket);
        Some(ticket)
    }

    /// The ticket of the last write queued.
    pub(crate) fn enqueued(&self) -> u64 {
        self.enqueued.load(Ordering::Relaxed)
    }

    /// Waits until the write of `ticket` (and every earlier one) is committed; the commit's
    /// error if it failed.
    pub(crate) async fn committed(&self, ticket: u64) -> Result<(), Arc<str>> {
        let mut progress = self.progress.clone();
        let mut failure = None;
        let done = progress
            .wait_for(|p| {
                failure.clone_from(&p.failed);
                p.committed >= ticket || p.failed.is_some()
            })
            .await
            .map(|p| p.committed >= ticket);
        match (done, failure) {
            (Ok(true), _) => Ok(()),
            (_, Some(e)) => Err(e),
            (_, None) => Err("the data file's writer has stopped".into()),
        }
    }

    /// Waits for everything queued so far.
    pub(crate) async fn flush(&self) -> Result<(), Arc<str>> {
        self.committed(self.enqueued()).await
    }

    /// Tells the writer to commit what is queued, close the file and stop.
    pub(crate) fn stop(&self) {
        self.stop.cancel();
    }
}

fn encode(batch: Vec<(u64, Changes)>) -> Result<Vec<Encoded>, String> {
    batch
        .into_iter()
        .map(|(_, c)| Encoded::new(c).map_err(|e| format!("cannot serialize the changes: {e}")))
        .collect()
}

async fn run(
    db: Db,
    mut rx: mpsc::UnboundedReceiver<(u64, Changes)>,
    progress: watch::Sender<Progress>,
    stop: CancellationToken,
) {
    let mut pending: Vec<Encoded> = Vec::new();
    let mut last = 0;
    loop {
        let mut batch = Vec::new();
        let stopping = tokio::select! {
            got = rx.recv(), if pending.is_empty() => match got {
                Some(b) => { batch.push(b); false }
                None => true,
            },
            () = tokio::time::sleep(RETRY), if !pending.is_empty() => false,
            () = stop.cancelled() => true,
        };
        while let Ok(b) = rx.try_recv() {
            batch.push(b);
        }
        if let Some((t, _)) = batch.last() {
            last = *t;
        }
        let rows: usize = batch.iter().map(|(_, c)| c.rows()).sum();
        let encoded = if rows >= BLOCKING_ROWS {
            tokio::task::spawn_blocking(move || encode(batch))
                .await
                .unwrap_or_else(|e| Err(format!("serializing the changes failed: {e}")))
        } else {
            encode(batch)
        };
        let result = match encoded {
            Ok(e) => {
                pending.extend(e);
                db.write(&pending).await.map_err(|e| e.to_string())
            }
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => {
                pending.clear();
                progress.send_modify(|p| {
                    p.committed = last;
                    p.failed = None;
                });
            }
            Err(e) => {
                tracing::error!("{e}");
                progress.send_modify(|p| p.failed = Some(e.into()));
            }
        }
        if stopping {
            break;
        }
    }
    db.close().await;
}
