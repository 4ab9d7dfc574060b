//! The request journal: a bounded ring of every request the Sandbox handled, with secrets
//! redacted. Appends only store cheap clones (`Bytes`, `HeaderMap`); text conversion and
//! redaction happen when the journal is read.

mod redact;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use chrono::{DateTime, Utc};
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::time::Duration;

/// Bodies are cut at 64 KiB in the journal.
const BODY_LIMIT: usize = 64 * 1024;

/// One handled request, as `GET /_sandbox/journal` and [`crate::Admin::journal`] show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// Increases by one per request since the Sandbox started.
    pub seq: u64,
    pub time: DateTime<Utc>,
    pub method: String,
    /// Path and query string.
    pub path: String,
    pub request_headers: Vec<JournalHeader>,
    pub request_body: String,
    /// The HTTP status; 0 when a fault dropped the connection.
    pub status: u16,
    pub response_headers: Vec<JournalHeader>,
    pub response_body: String,
    pub duration_ms: f64,
    /// The injected fault, if any: `drop`, `rate_limit` or `error`.
    pub fault: Option<String>,
}

/// A header as the journal shows it (credential-like values redacted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalHeader {
    pub name: String,
    pub value: String,
}

/// What the hot path records.
pub(crate) struct RawEntry {
    pub time: DateTime<Utc>,
    pub method: Method,
    pub uri: Uri,
    pub request_headers: HeaderMap,
    pub request_body: Bytes,
    pub status: u16,
    pub response_headers: HeaderMap,
    /// `None` for streamed responses, which are not buffered.
    pub response_body: Option<Bytes>,
    pub duration: Duration,
    pub fault: Option<&'static str>,
}

pub(crate) struct Journal {
    capacity: usize,
    inner: Mutex<(u64, VecDeque<(u64, RawEntry)>)>,
}

impl Journal {
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            inner: Mutex::new((0, VecDeque::with_capacity(capacity.clamp(1, 4096)))),
        }
    }

    pub(crate) fn push(&self, entry: RawEntry) {
        let mut guard = self.inner.lock();
        let (seq, ring) = &mut *guard;
        *seq += 1;
        if ring.len() == self.capacity {
            ring.pop_front();
        }
        ring.push_back((*seq, entry));
    }

    pub(crate) fn clear(&self) {
        self.inner.lock().1.clear();
    }

    /// The last `limit` entries (all when `None`), oldest first, redacted.
    pub(crate) fn entries(&self, limit: Option<usize>) -> Vec<JournalEntry> {
        let guard = self.inner.lock();
        let ring = &guard.1;
        let skip = limit.map_or(0, |n| ring.len().saturating_sub(n));
        ring.iter()
            .skip(skip)
            .map(|(seq, e)| render(*seq, e))
            .collect()
    }
}

fn render(seq: u64, e: &RawEntry) -> JournalEntry {
    let path = e.uri.path();
    let shown_path = redact::path(path);
    let path_and_query = match e.uri.query() {
        Some(q) => format!("{shown_path}?{q}"),
        None => shown_path,
    };
    let is_token_call = path == "/oauth/token";
    JournalEntry {
        seq,
        time: e.time,
        method: e.method.to_string(),
        path: path_and_query,
        request_headers: redact::headers(&e.request_headers),
        request_body: redact::body(&e.request_body, BODY_LIMIT, is_token_call),
        status: e.status,
        response_headers: redact::headers(&e.response_headers),
        response_body: match &e.response_body {
            Some(b) => redact::body(b, BODY_LIMIT, is_token_call),
            None => "<streamed response not recorded>".to_string(),
        },
        duration_ms: e.duration.as_secs_f64() * 1000.0,
        fault: e.fault.map(str::to_string),
    }
}
