//! Exports: HAR 1.2 (for browser devtools, Postman, Charles) and JSON Lines (one entry per line,
//! for scripts). Entries are written one at a time, so exporting everything stays in memory
//! bounds whatever the history's size. What is written is what was stored: redacted.

use std::io::Write;
use std::path::Path;

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sqlx::SqlitePool;
use ts_rs::TS;

use super::model::{BodyPart, HistoryEntry, HistoryFilter, HistoryHeader};
use super::{entry, query};
use crate::{Error, Result};

/// Export file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "ExportFormat.ts")]
pub enum ExportFormat {
    /// HTTP Archive 1.2 (`.har`).
    Har,
    /// One JSON object per line (`.jsonl`).
    Jsonl,
}

impl ExportFormat {
    /// A file name for an export made now.
    pub fn file_name(self) -> String {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        match self {
            Self::Har => format!("kitbench-history-{stamp}.har"),
            Self::Jsonl => format!("kitbench-history-{stamp}.jsonl"),
        }
    }
}

/// A body as text, or base64 when it is not UTF-8: `(text, encoding)`.
fn text_of(bytes: &[u8]) -> (String, Option<&'static str>) {
    match std::str::from_utf8(bytes) {
        Ok(t) => (t.to_string(), None),
        Err(_) => (
            base64::engine::general_purpose::STANDARD.encode(bytes),
            Some("base64"),
        ),
    }
}

fn har_headers(h: &[HistoryHeader]) -> Value {
    Value::Array(
        h.iter()
            .map(|x| json!({"name": x.name, "value": x.value}))
            .collect(),
    )
}

fn mime(h: &[HistoryHeader]) -> String {
    h.iter()
        .find(|x| x.name.eq_ignore_ascii_case("content-type"))
        .map(|x| x.value.clone())
        .unwrap_or_default()
}

/// One HAR 1.2 entry. A call that got no answer has status 0 (as browsers record it) and the
/// reason in `_error`.
pub fn har_entry(e: &HistoryEntry, request: &[u8], response: &[u8]) -> Value {
    let query: Vec<Value> = url::Url::parse(&e.url)
        .map(|u| {
            u.query_pairs()
                .map(|(k, v)| json!({"name": k, "value": v}))
                .collect()
        })
        .unwrap_or_default();
    let mut req = json!({
        "method": e.row.method,
        "url": e.url,
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": har_headers(&e.request_headers),
        "queryString": query,
        "headersSize": -1,
        "bodySize": e.row.request_size,
    });
    if !request.is_empty() {
        let (text, encoding) = text_of(request);
        let mut post = json!({"mimeType": mime(&e.request_headers), "text": text});
        if let Some(enc) = encoding {
            post["encoding"] = json!(enc);
        }
        req["postData"] = post;
    }
    let (text, encoding) = text_of(response);
    let mut content = json!({
        "size": e.row.response_size,
        "mimeType": mime(&e.response_headers),
        "text": text,
    });
    if let Some(enc) = encoding {
        content["encoding"] = json!(enc);
    }
    let mut entry = json!({
        "startedDateTime": e.row.at,
        "time": e.row.duration_ms,
        "request": req,
        "response": {
            "status": e.row.status.unwrap_or(0),
            "statusText": "",
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": har_headers(&e.response_headers),
            "content": content,
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": e.row.response_size,
        },
        "cache": {},
        "timings": {"send": 0, "wait": e.row.duration_ms, "receive": 0},
        "_kind": e.row.kind,
        "_envId": e.row.env_id,
    });
    if let Some(err) = &e.row.error {
        entry["_error"] = json!(err);
    }
    entry
}

/// One JSON Lines record: the entry's fields and both bodies in full.
pub fn jsonl_entry(e: &HistoryEntry, request: &[u8], response: &[u8]) -> Value {
    let (req_text, req_enc) = text_of(request);
    let (resp_text, resp_enc) = text_of(response);
    json!({
        "entry": e.row,
        "url": e.url,
        "request_headers": e.request_headers,
        "response_headers": e.response_headers,
        "request_body": req_text,
        "request_body_encoding": req_enc,
        "response_body": resp_text,
        "response_body_encoding": resp_enc,
    })
}

/// The ids to export: `ids` as given, or every entry matching `filter`, newest first.
pub async fn select(
    pool: &SqlitePool,
    ids: Option<&[i64]>,
    filter: &HistoryFilter,
) -> Result<Vec<i64>> {
    if let Some(ids) = ids {
        return Ok(ids.to_vec());
    }
    let mut all = Vec::new();
    let mut before = None;
    loop {
        let page = query::list(pool, filter, before, query::MAX_PAGE).await?;
        all.extend(page.entries.iter().map(|e| e.id));
        match page.next_before {
            Some(b) => before = Some(b),
            None => return Ok(all),
        }
    }
}

/// Writes the entries `ids` to `path` as `format`; how many were written (ids that no longer
/// exist are skipped).
pub async fn write(
    pool: &SqlitePool,
    ids: &[i64],
    format: ExportFormat,
    path: &Path,
) -> Result<usize> {
    let io = |e| Error::io(format!("cannot write {}", path.display()), e);
    let file = std::fs::File::create(path).map_err(io)?;
    let mut out = std::io::BufWriter::new(file);
    if format == ExportFormat::Har {
        let head = json!({"name": "Kitbench", "version": env!("CARGO_PKG_VERSION")});
        write!(
            out,
            "{{\"log\":{{\"version\":\"1.2\",\"creator\":{head},\"entries\":["
        )
        .map_err(io)?;
    }
    let mut written = 0;
    for id in ids {
        let entry = match entry::get(pool, *id).await {
            Ok(e) => e,
            Err(Error::NotFound(_)) => continue,
            Err(e) => return Err(e),
        };
        let request = entry::body_bytes(pool, *id, BodyPart::Request).await?;
        let response = entry::body_bytes(pool, *id, BodyPart::Response).await?;
        match format {
            ExportFormat::Har => {
                if written > 0 {
                    out.write_all(b",").map_err(io)?;
                }
                serde_json::to_writer(&mut out, &har_entry(&entry, &request, &response))?;
            }
            ExportFormat::Jsonl => {
                serde_json::to_writer(&mut out, &jsonl_entry(&entry, &request, &response))?;
                out.write_all(b"\n").map_err(io)?;
            }
        }
        written += 1;
    }
    if format == ExportFormat::Har {
        out.write_all(b"]}}").map_err(io)?;
    }
    out.flush().map_err(io)?;
    Ok(written)
}
