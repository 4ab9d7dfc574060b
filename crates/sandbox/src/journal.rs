//! The request journal: a bounded ring of every request the Sandbox handled, with secrets
//! redacted by the one policy of `agentkit_wire::redact` (which also knows the Sandbox's client
//! secret by value). Appends only store cheap clones (`Bytes`, `HeaderMap`); text conversion and
//! redaction happen when the journal is read.

use agentkit_wire::redact::Redactor;
use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
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
    /// Path and query string, with credential query values and the credential segment of MCP
    /// instance and magic-link paths masked.
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
    redactor: Redactor,
    inner: Mutex<(u64, VecDeque<(u64, RawEntry)>)>,
}

impl Journal {
    pub(crate) fn new(capacity: usize, redactor: Redactor) -> Self {
        Self {
            capacity: capacity.max(1),
            redactor,
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
            .map(|(seq, e)| render(&self.redactor, *seq, e))
            .collect()
    }
}

fn render(redactor: &Redactor, seq: u64, e: &RawEntry) -> JournalEntry {
    let path_and_query = e
        .uri
        .path_and_query()
        .map_or_else(|| e.uri.path(), |pq| pq.as_str());
    JournalEntry {
        seq,
        time: e.time,
        method: e.method.to_string(),
        path: redactor.redact_url(path_and_query),
        request_headers: headers(redactor, &e.request_headers),
        request_body: body(redactor, &e.request_headers, &e.request_body),
        status: e.status,
        response_headers: headers(redactor, &e.response_headers),
        response_body: match &e.response_body {
            Some(b) => body(redactor, &e.response_headers, b),
            None => "<streamed response not recorded>".to_string(),
        },
        duration_ms: e.duration.as_secs_f64() * 1000.0,
        fault: e.fault.map(str::to_string),
    }
}

fn headers(redactor: &Redactor, map: &HeaderMap) -> Vec<JournalHeader> {
    let pairs = map
        .iter()
        .map(|(name, value)| (name.as_str(), String::from_utf8_lossy(value.as_bytes())));
    redactor
        .redact_headers(pairs)
        .into_iter()
        .map(|(name, value)| JournalHeader { name, value })
        .collect()
}

/// Redacted first, then cut: a cut made first could split a secret the policy would no
/// longer recognise.
fn body(redactor: &Redactor, headers: &HeaderMap, bytes: &[u8]) -> String {
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let redacted = redactor.redact_body(content_type, bytes);
    truncate(String::from_utf8_lossy(&redacted).into_owned(), BODY_LIMIT)
}

fn truncate(mut s: String, limit: usize) -> String {
    if s.len() > limit {
        let mut cut = limit;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push_str("…[truncated]");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_cut_on_a_char_boundary() {
        assert_eq!(truncate("héllo".into(), 2), "h…[truncated]");
        assert_eq!(truncate("hello".into(), 5), "hello");
    }
}
