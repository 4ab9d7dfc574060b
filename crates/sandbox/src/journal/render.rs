//! Turning stored entries into what the journal shows: redacted text, cut at 64 KiB.

use super::{JournalEntry, JournalHeader, Stored};
use agentkit_wire::redact::Redactor;
use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderMap;

/// Bodies are cut at 64 KiB in the journal.
pub(super) const BODY_LIMIT: usize = 64 * 1024;

/// A body as the journal keeps it.
pub(crate) enum Kept {
    /// At most [`BODY_LIMIT`] bytes as received, redacted when read.
    Raw(Bytes),
    /// A larger body, redacted when recorded and cut.
    Cut(String),
    /// A streamed response, not buffered.
    Streamed,
}

impl Kept {
    pub(super) fn new(redactor: &Redactor, headers: &HeaderMap, bytes: Bytes) -> Self {
        if bytes.len() <= BODY_LIMIT {
            Self::Raw(bytes)
        } else {
            Self::Cut(body(redactor, headers, &bytes))
        }
    }

    /// Bytes held.
    pub(super) fn len(&self) -> usize {
        match self {
            Self::Raw(b) => b.len(),
            Self::Cut(s) => s.len(),
            Self::Streamed => 0,
        }
    }

    fn show(&self, redactor: &Redactor, headers: &HeaderMap) -> String {
        match self {
            Self::Raw(b) => body(redactor, headers, b),
            Self::Cut(s) => s.clone(),
            Self::Streamed => "<streamed response not recorded>".to_string(),
        }
    }
}

pub(super) fn render(redactor: &Redactor, e: &Stored) -> JournalEntry {
    let path_and_query = e
        .uri
        .path_and_query()
        .map_or_else(|| e.uri.path(), |pq| pq.as_str());
    JournalEntry {
        seq: e.seq,
        time: e.time,
        method: e.method.to_string(),
        path: redactor.redact_url(path_and_query),
        request_headers: headers(redactor, &e.request_headers),
        request_body: e.request_body.show(redactor, &e.request_headers),
        request_body_bytes: e.request_body_bytes,
        status: e.status,
        response_headers: headers(redactor, &e.response_headers),
        response_body: e.response_body.show(redactor, &e.response_headers),
        response_body_bytes: e.response_body_bytes,
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

pub(super) fn truncate(mut s: String, limit: usize) -> String {
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
