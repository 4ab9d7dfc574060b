//! The connected accounts by status: the API has no count per status, so this walks every
//! page of `ListConnectedAccounts` (99 at a time) in the background, reports progress, and keeps
//! the result in memory per environment until refreshed or the environment goes away.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use agentkit::wire::connected_accounts::ListConnectedAccountsRequest;
use agentkit::Client;
use serde::Serialize;
use tokio::task::AbortHandle;
use ts_rs::TS;

use super::{ordered, StatusCount};
use crate::environments::repo::now;

/// Progress is reported at most this often (plus the final report).
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// The largest page `ListConnectedAccounts` answers.
const PAGE: u32 = 99;

/// Connected accounts by status, complete (`done`) or as far as a walk got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "Breakdown.ts")]
pub struct Breakdown {
    /// Which environment.
    pub env_id: String,
    /// Accounts by status among those scanned, in display order (active first).
    pub by_status: Vec<StatusCount>,
    /// Accounts scanned so far (the sum of `by_status`).
    pub scanned: u32,
    /// All accounts, as the API's latest `total_size` says.
    pub total: u32,
    /// Every page was read.
    pub done: bool,
    /// RFC 3339, when the walk ended (null while it runs).
    pub computed_at: Option<String>,
    /// Why the walk stopped early (then `done` is false).
    pub error: Option<String>,
}

/// Sent as a walk progresses (throttled to [`PROGRESS_INTERVAL`]) and once when it ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "OverviewProgress.ts")]
pub struct OverviewProgress {
    /// Which environment.
    pub env_id: String,
    /// Where the walk is.
    pub breakdown: Breakdown,
}

#[derive(Default)]
struct Entry {
    /// The last walk that read every page.
    finished: Option<Breakdown>,
    /// The running walk's progress, or how the last one failed.
    latest: Option<Breakdown>,
    /// The running walk.
    walk: Option<(u64, Option<AbortHandle>)>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<String, Entry>,
    next_walk: u64,
}

/// Breakdowns per environment, and the walks computing them (one at a time per environment).
#[derive(Clone, Default)]
pub struct BreakdownCache {
    inner: Arc<Mutex<Inner>>,
}

impl std::fmt::Debug for BreakdownCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let envs: Vec<String> = self.lock().entries.keys().cloned().collect();
        f.debug_struct("BreakdownCache")
            .field("envs", &envs)
            .finish()
    }
}

impl BreakdownCache {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What to show now: the last complete breakdown, else the running walk's progress (or the
    /// failed one's), else nothing.
    pub fn get(&self, env_id: &str) -> Option<Breakdown> {
        let inner = self.lock();
        let entry = inner.entries.get(env_id)?;
        entry.finished.clone().or_else(|| entry.latest.clone())
    }

    /// Whether asking for `env_id` (with `refresh`) would start a walk: none runs, and a
    /// refresh is asked for or nothing complete is cached.
    pub fn needs_walk(&self, env_id: &str, refresh: bool) -> bool {
        match self.lock().entries.get(env_id) {
            None => true,
            Some(e) => e.walk.is_none() && (refresh || e.finished.is_none()),
        }
    }

    /// Whether a walk runs for `env_id`.
    pub fn is_walking(&self, env_id: &str) -> bool {
        self.lock()
            .entries
            .get(env_id)
            .is_some_and(|e| e.walk.is_some())
    }

    /// Starts a walk with `client` unless one runs (checked again under the lock, so two
    /// callers racing start one), then answers [`Self::get`]. Must run inside a Tokio runtime.
    pub fn start(
        &self,
        env_id: &str,
        refresh: bool,
        client: Client,
        on_progress: impl Fn(OverviewProgress) + Send + Sync + 'static,
    ) -> Option<Breakdown> {
        let mut inner = self.lock();
        inner.next_walk += 1;
        let id = inner.next_walk;
        let entry = inner.entries.entry(env_id.to_string()).or_default();
        if entry.walk.is_none() && (refresh || entry.finished.is_none()) {
            entry.latest = None;
            entry.walk = Some((id, None));
            let task = tokio::spawn(walk(
                self.clone(),
                id,
                env_id.to_string(),
                client,
                on_progress,
            ));
            entry.walk = Some((id, Some(task.abort_handle())));
        }
        entry.finished.clone().or_else(|| entry.latest.clone())
    }

    /// Forgets an environment's breakdown and stops its walk (deleted, edited, or its data
    /// replaced).
    pub fn forget(&self, env_id: &str) {
        if let Some(entry) = self.lock().entries.remove(env_id) {
            if let Some((_, Some(abort))) = entry.walk {
                abort.abort();
            }
        }
    }

    /// Forgets everything and stops every walk (shutdown).
    pub fn clear(&self) {
        let entries: Vec<Entry> = self.lock().entries.drain().map(|(_, e)| e).collect();
        for (_, abort) in entries.into_iter().filter_map(|e| e.walk) {
            if let Some(abort) = abort {
                abort.abort();
            }
        }
    }

    /// Records a walk's state; `false` when the walk is no longer wanted (forgotten or
    /// replaced), so it stops.
    fn record(&self, walk: u64, b: &Breakdown) -> bool {
        let mut inner = self.lock();
        let Some(entry) = inner.entries.get_mut(&b.env_id) else {
            return false;
        };
        if entry.walk.as_ref().map(|(id, _)| *id) != Some(walk) {
            return false;
        }
        entry.latest = Some(b.clone());
        if b.done {
            entry.finished = Some(b.clone());
        }
        if b.computed_at.is_some() {
            entry.walk = None;
        }
        true
    }
}

fn count(n: usize) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

/// Reads every page, tallying statuses; reports throttled progress and the end.
async fn walk(
    cache: BreakdownCache,
    walk_id: u64,
    env_id: String,
    client: Client,
    on_progress: impl Fn(OverviewProgress) + Send + Sync + 'static,
) {
    let mut tally: BTreeMap<String, u32> = BTreeMap::new();
    let (mut scanned, mut total) = (0u32, 0u32);
    let mut req = ListConnectedAccountsRequest {
        page_size: Some(PAGE),
        ..Default::default()
    };
    let mut last_report: Option<Instant> = None;
    loop {
        let (done, error) = match client.list_connected_accounts(&req).await {
            Ok(page) => {
                scanned = scanned.saturating_add(count(page.connected_accounts.len()));
                for a in &page.connected_accounts {
                    *tally.entry(a.status.as_str().to_string()).or_default() += 1;
                }
                total = page.total_size.max(scanned);
                let next = page.next_page_token;
                if next.is_empty() {
                    (true, None)
                } else if req.page_token.as_deref() == Some(next.as_str()) {
                    (
                        false,
                        Some("the API answered the same page token twice".into()),
                    )
                } else {
                    req.page_token = Some(next);
                    (false, None)
                }
            }
            Err(e) => (false, Some(e.to_string())),
        };
        let ended = done || error.is_some();
        let breakdown = Breakdown {
            env_id: env_id.clone(),
            by_status: ordered(tally.clone()),
            scanned,
            total,
            done,
            computed_at: ended.then(now),
            error,
        };
        if !cache.record(walk_id, &breakdown) {
            return;
        }
        if let Some(e) = &breakdown.error {
            tracing::warn!(%env_id, "accounts breakdown stopped: {e}");
        }
        if ended || last_report.is_none_or(|t| t.elapsed() >= PROGRESS_INTERVAL) {
            last_report = Some(Instant::now());
            on_progress(OverviewProgress {
                env_id: env_id.clone(),
                breakdown,
            });
        }
        if ended {
            return;
        }
    }
}
