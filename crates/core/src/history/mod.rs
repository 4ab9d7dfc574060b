//! The request history: every exchange the app's clients make, classified, stored in SQLite
//! (bodies over 4 KiB zstd-compressed, FTS5 over names, paths and bodies), searchable,
//! exportable, replayable. What arrives here was redacted by the client's `Redactor`.
//!
//! Flow: [`Recorder`] (the clients' observer) → channel → the writer task (batches, one
//! transaction each) → `history*` tables. [`History::flush`] waits for the writer, so an entry
//! reported as saved is committed (WAL: it survives the app being killed).

mod body;
mod chunk;
pub mod classify;
pub mod copy_as;
pub mod diff;
pub mod entry;
pub mod export;
mod insert;
mod keys;
mod model;
pub mod query;
pub mod retention;
mod words;
mod writer;

use std::sync::{Arc, RwLock};
use std::time::Duration;

use sqlx::SqlitePool;

pub use body::{INLINE_MAX, PREVIEW};
pub use chunk::CHUNK;
pub use copy_as::CopyStyle;
pub use diff::{DiffChange, DiffOp, HistoryReplay};
pub use export::ExportFormat;
pub use model::{
    AccountKey, BodyChunk, BodyPart, BodyPreview, HistoryEntry, HistoryFilter, HistoryHeader,
    HistoryKind, HistoryPage, HistoryRow, StatusClass,
};
pub use retention::HistoryRetention;
pub use writer::{HistorySink, Recorder};

use crate::Result;

/// How often the age limit is applied when nothing is being written.
const RETENTION_TICK: Duration = Duration::from_secs(600);

/// The history of one database: the writer's sink and the retention settings.
#[derive(Debug, Clone)]
pub struct History {
    pool: SqlitePool,
    sink: HistorySink,
    policy: Arc<RwLock<HistoryRetention>>,
    /// The body being read piece by piece.
    reading: Arc<chunk::BodyCache>,
}

impl History {
    /// Starts the writer on `pool` (migrated) and the retention tick.
    pub async fn start(pool: SqlitePool) -> Result<Self> {
        let policy = Arc::new(RwLock::new(retention::load(&pool).await?));
        let sink = writer::start(pool.clone(), policy.clone()).await?;
        sink.retain();
        let tick = sink.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(RETENTION_TICK);
            every.tick().await;
            loop {
                every.tick().await;
                if tick.is_closed() {
                    break;
                }
                tick.retain();
            }
        });
        Ok(Self {
            pool,
            sink,
            policy,
            reading: Arc::default(),
        })
    }

    /// Where records go (for observers).
    pub fn sink(&self) -> &HistorySink {
        &self.sink
    }

    /// Records an MCP inspector call (already redacted, its URL masked) as an `mcp` entry of
    /// `env_id`, tied to its run, and waits until it is committed.
    pub async fn record_mcp_call(
        &self,
        env_id: &str,
        call: &crate::mcp::inspector::record::InspectorCallRecord,
    ) -> Result<()> {
        let json = |v: &serde_json::Value| serde_json::to_vec(v).unwrap_or_default();
        let content_type = || vec![("content-type".to_string(), "application/json".to_string())];
        let request =
            serde_json::json!({"jsonrpc": "2.0", "method": "tools/call", "params": call.request});
        let error = call
            .response
            .get("error")
            .and_then(|e| e.as_str())
            .map(str::to_string);
        let exchange = agentkit::Exchange {
            method: "POST".into(),
            url: call.target.clone(),
            request_headers: content_type(),
            request_body: Some(json(&request)),
            status: error.is_none().then_some(200),
            response_headers: content_type(),
            response_body: Some(json(&call.response)),
            duration: std::time::Duration::from_secs_f64(call.duration_ms / 1000.0),
            error,
            attempt: 1,
        };
        let redactor = agentkit_wire::redact::Redactor::new();
        let mut record = classify::record(&exchange, env_id, Some(call.run_id.clone()), &redactor);
        // Any MCP server's URL, not only an instance's `/mcp/…` path, is an MCP call here.
        record.kind = HistoryKind::Mcp;
        record.tool_name = Some(call.tool_name.clone());
        self.sink.send(record);
        self.flush().await
    }

    /// Waits until everything recorded so far is committed.
    pub async fn flush(&self) -> Result<()> {
        self.sink.flush().await
    }

    /// The entries a run produced, once committed.
    pub async fn for_run(&self, run_id: &str) -> Result<Vec<HistoryRow>> {
        self.flush().await?;
        query::for_run(&self.pool, run_id).await
    }

    /// A page of entries.
    pub async fn list(
        &self,
        filter: &HistoryFilter,
        before: Option<i64>,
        limit: u32,
    ) -> Result<HistoryPage> {
        query::list(&self.pool, filter, before, limit).await
    }

    /// One entry with body previews.
    pub async fn get(&self, id: i64) -> Result<HistoryEntry> {
        entry::get(&self.pool, id).await
    }

    /// A whole body.
    pub async fn body(&self, id: i64, part: BodyPart) -> Result<Vec<u8>> {
        entry::body_bytes(&self.pool, id, part).await
    }

    /// The piece of a body starting at `offset` (0, then each piece's `next`).
    pub async fn body_chunk(&self, id: i64, part: BodyPart, offset: u64) -> Result<BodyChunk> {
        self.reading.read(&self.pool, id, part, offset).await
    }

    /// Deletes entries.
    pub async fn delete(&self, ids: &[i64]) -> Result<u64> {
        self.flush().await?;
        self.reading.clear();
        entry::delete(&self.pool, ids).await
    }

    /// Deletes everything (of one environment).
    pub async fn clear(&self, env_id: Option<&str>) -> Result<u64> {
        self.flush().await?;
        self.reading.clear();
        entry::clear(&self.pool, env_id).await
    }

    /// The retention settings.
    pub fn retention(&self) -> HistoryRetention {
        *self.policy.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Saves and applies new retention settings (after the writer's pending work).
    pub async fn set_retention(&self, r: HistoryRetention) -> Result<HistoryRetention> {
        r.validate()?;
        retention::save(&self.pool, &r).await?;
        *self.policy.write().unwrap_or_else(|p| p.into_inner()) = r;
        self.sink.retain();
        self.flush().await?;
        Ok(r)
    }
}
