//! The request journal: a ring of the requests the Sandbox handled, bounded both by entries
//! ([`crate::SandboxConfig::journal_capacity`], default 500) and by the bytes it holds
//! ([`crate::SandboxConfig::journal_max_bytes`], default 8 MiB), oldest evicted first. Secrets
//! are redacted by the one policy of `agentkit_wire::redact` (which also knows the Sandbox's
//! client secret by value).
//!
//! A body of up to 64 KiB is kept as received (a cheap `Bytes` clone) and redacted when the
//! journal is read; a larger one is redacted when it is recorded and only its first 64 KiB kept,
//! with its original size in the entry. Reads copy the handles of the entries they show under
//! the lock and render them outside it, so a large read never holds up the requests being
//! recorded.

mod render;

pub(crate) use render::Kept;

use agentkit_wire::redact::Redactor;
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, Method, Uri};
use chrono::{DateTime, Utc};
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

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
    /// The body, redacted, cut after 64 KiB (ending in `…[truncated]`).
    pub request_body: String,
    /// The size of the request body as received, in bytes.
    #[serde(default)]
    pub request_body_bytes: u64,
    /// The HTTP status; 0 when a fault dropped the connection.
    pub status: u16,
    pub response_headers: Vec<JournalHeader>,
    /// The body, redacted, cut after 64 KiB; a placeholder for streamed responses.
    pub response_body: String,
    /// The size of the response body as sent, in bytes (0 for streamed responses).
    #[serde(default)]
    pub response_body_bytes: u64,
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

/// One page of the journal, newest first, as `GET /_sandbox/journal` answers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalPage {
    pub entries: Vec<JournalEntry>,
    /// Pass as `before` to get the next (older) page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_before: Option<u64>,
    /// Entries the journal holds now.
    #[serde(default)]
    pub held_entries: usize,
    /// Bytes the journal holds now, which its byte bound limits.
    #[serde(default)]
    pub held_bytes: usize,
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

/// A recorded entry: bodies already reduced to what the journal keeps.
pub(crate) struct Stored {
    seq: u64,
    time: DateTime<Utc>,
    method: Method,
    uri: Uri,
    request_headers: HeaderMap,
    request_body: Kept,
    request_body_bytes: u64,
    status: u16,
    response_headers: HeaderMap,
    response_body: Kept,
    response_body_bytes: u64,
    duration: Duration,
    fault: Option<&'static str>,
    /// What this entry counts against the byte bound.
    size: usize,
}

/// Per-entry bookkeeping the byte bound adds on top of bodies, path and headers.
const ENTRY_OVERHEAD: usize = 256;

#[derive(Default)]
struct Ring {
    seq: u64,
    bytes: usize,
    entries: VecDeque<Arc<Stored>>,
}

pub(crate) struct Journal {
    capacity: usize,
    max_bytes: usize,
    redactor: Redactor,
    inner: Mutex<Ring>,
}

impl Journal {
    pub(crate) fn new(capacity: usize, max_bytes: usize, redactor: Redactor) -> Self {
        Self {
            capacity: capacity.max(1),
            max_bytes,
            redactor,
            inner: Mutex::new(Ring {
                entries: VecDeque::with_capacity(capacity.clamp(1, 4096)),
                ..Ring::default()
            }),
        }
    }

    /// Whether recording `entry` means redacting a large body (worth a blocking thread).
    pub(crate) fn is_heavy(entry: &RawEntry) -> bool {
        entry.request_body.len() > render::BODY_LIMIT
            || entry
                .response_body
                .as_ref()
                .is_some_and(|b| b.len() > render::BODY_LIMIT)
    }

    pub(crate) fn push(&self, entry: RawEntry) {
        let request_body_bytes = entry.request_body.len() as u64;
        let response_body_bytes = entry.response_body.as_ref().map_or(0, |b| b.len() as u64);
        let request_body = Kept::new(&self.redactor, &entry.request_headers, entry.request_body);
        let response_body = match entry.response_body {
            Some(b) => Kept::new(&self.redactor, &entry.response_headers, b),
            None => Kept::Streamed,
        };
        let header_bytes = |h: &HeaderMap| {
            h.iter()
                .map(|(n, v)| n.as_str().len() + v.len())
                .sum::<usize>()
        };
        let size = ENTRY_OVERHEAD
            + entry.uri.to_string().len()
            + header_bytes(&entry.request_headers)
            + header_bytes(&entry.response_headers)
            + request_body.len()
            + response_body.len();
        // Parsed heads share hyper's read buffer (up to ~400 KiB, holding body bytes read
        // along with the head): kept as they are, each entry would pin a whole buffer.
        let uri = detach_uri(&entry.uri);
        let request_headers = detach_headers(&entry.request_headers);
        let mut ring = self.inner.lock();
        ring.seq += 1;
        let stored = Stored {
            seq: ring.seq,
            time: entry.time,
            method: entry.method,
            uri,
            request_headers,
            request_body,
            request_body_bytes,
            status: entry.status,
            response_headers: entry.response_headers,
            response_body,
            response_body_bytes,
            duration: entry.duration,
            fault: entry.fault,
            size,
        };
        ring.bytes += size;
        ring.entries.push_back(Arc::new(stored));
        // The newest entry always stays, even alone over the byte bound.
        while ring.entries.len() > 1
            && (ring.entries.len() > self.capacity || ring.bytes > self.max_bytes)
        {
            if let Some(old) = ring.entries.pop_front() {
                ring.bytes -= old.size;
            }
        }
    }

    pub(crate) fn clear(&self) {
        let mut ring = self.inner.lock();
        ring.entries.clear();
        ring.bytes = 0;
    }

    /// Every entry, oldest first, redacted.
    pub(crate) fn entries(&self) -> Vec<JournalEntry> {
        let held: Vec<Arc<Stored>> = self.inner.lock().entries.iter().cloned().collect();
        held.iter()
            .map(|e| render::render(&self.redactor, e))
            .collect()
    }

    /// Up to `limit` entries older than `before` (all when `None`), newest first, redacted.
    pub(crate) fn page(&self, limit: usize, before: Option<u64>) -> JournalPage {
        let (held, more, held_entries, held_bytes) = {
            let ring = self.inner.lock();
            let mut older = ring
                .entries
                .iter()
                .rev()
                .filter(|e| before.is_none_or(|b| e.seq < b));
            let held: Vec<Arc<Stored>> = older.by_ref().take(limit).cloned().collect();
            let more = older.next().is_some();
            (held, more, ring.entries.len(), ring.bytes)
        };
        JournalPage {
            next_before: held.last().filter(|_| more).map(|e| e.seq),
            entries: held
                .iter()
                .map(|e| render::render(&self.redactor, e))
                .collect(),
            held_entries,
            held_bytes,
        }
    }
}

/// A copy of `uri` in an allocation of its own.
fn detach_uri(uri: &Uri) -> Uri {
    Uri::try_from(uri.to_string()).unwrap_or_default()
}

/// A copy of `headers` whose values do not share the buffer they were parsed from.
fn detach_headers(headers: &HeaderMap) -> HeaderMap {
    let mut copy = HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        let mut owned = HeaderValue::from_bytes(value.as_bytes()).unwrap_or_else(|_| value.clone());
        owned.set_sensitive(value.is_sensitive());
        copy.append(name.clone(), owned);
    }
    copy
}

#[cfg(test)]
mod tests;
