//! The history commands: list, read, delete, export, copy as code, replay, retention.

use std::path::Path;

use agentkit::redact::MASK;
use agentkit::wire::tools::ExecuteToolRequest;
use agentkit::{ProxyBody, ProxyRequest};

use super::Kitbench;
use crate::history::{
    copy_as, diff, export, BodyChunk, BodyPart, CopyStyle, ExportFormat, History, HistoryEntry,
    HistoryFilter, HistoryKind, HistoryPage, HistoryReplay, HistoryRetention, HistoryRow,
};
use crate::{run_tag, Error, FieldError, Result};

/// Entries in a page when the UI does not say.
const PAGE: u32 = 100;

/// Headers the client sets on every call; a replay lets it set them again.
fn client_header(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "authorization"
            | "content-length"
            | "host"
            | "connection_name"
            | "identifier"
            | "user-agent"
            | "x-sdk-version"
            | "x-api-version"
            | "accept"
    )
}

fn cannot_replay(message: &str) -> Error {
    Error::Invalid(vec![FieldError::new("id", message)])
}

/// What was sent with credentials masked cannot be sent again as is.
fn refuse_masked(body: &[u8]) -> Result<()> {
    if body.windows(MASK.len()).any(|w| w == MASK.as_bytes()) {
        return Err(cannot_replay(
            "This request had values masked as secrets (****) when it was recorded; replaying \
             it would send the mask instead. Run it again from the playground.",
        ));
    }
    Ok(())
}

impl Kitbench {
    /// The history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The entries a run produced, after they are committed: a caller that answers the UI
    /// after this has the run on disk.
    pub async fn history_for_run(&self, run_id: &str) -> Result<Vec<HistoryRow>> {
        self.history.for_run(run_id).await
    }

    /// A page of entries matching `filter`, older than `before`, newest first.
    pub async fn history_list(
        &self,
        filter: &HistoryFilter,
        before: Option<i64>,
        limit: Option<u32>,
    ) -> Result<HistoryPage> {
        self.history
            .list(filter, before, limit.unwrap_or(PAGE))
            .await
    }

    /// One entry, bodies as previews.
    pub async fn history_get(&self, id: i64) -> Result<HistoryEntry> {
        self.history.get(id).await
    }

    /// A piece of a body as text (invalid UTF-8 replaced) from `offset`, for reading a large
    /// body without one 50 MB answer.
    pub async fn history_body_chunk(
        &self,
        id: i64,
        part: BodyPart,
        offset: u64,
    ) -> Result<BodyChunk> {
        self.history.body_chunk(id, part, offset).await
    }

    /// Deletes entries; how many there were.
    pub async fn history_delete(&self, ids: &[i64]) -> Result<u64> {
        self.history.delete(ids).await
    }

    /// Deletes every entry, or those of one environment.
    pub async fn history_clear(&self, env_id: Option<&str>) -> Result<u64> {
        self.history.clear(env_id).await
    }

    /// Writes `ids` (or every entry matching `filter`) to `path`; how many were written.
    pub async fn history_export_to(
        &self,
        path: &Path,
        format: ExportFormat,
        ids: Option<&[i64]>,
        filter: &HistoryFilter,
    ) -> Result<usize> {
        self.history.flush().await?;
        let pool = self.store.pool();
        let ids = export::select(pool, ids, filter).await?;
        export::write(pool, &ids, format, path).await
    }

    /// An entry's request as cURL or SDK code.
    pub async fn history_copy_as(&self, id: i64, style: CopyStyle) -> Result<String> {
        let entry = self.history.get(id).await?;
        let body = self.history.body(id, BodyPart::Request).await?;
        copy_as::render(style, &entry, &body)
    }

    /// The retention settings.
    pub fn history_retention(&self) -> HistoryRetention {
        self.history.retention()
    }

    /// Saves retention settings and applies them now.
    pub async fn history_set_retention(&self, r: &HistoryRetention) -> Result<HistoryRetention> {
        self.history.set_retention(*r).await
    }

    /// Sends an entry's request again through the environment's client, records it, and
    /// compares the answers. Tool runs are sent as `execute_tool` with the stored input;
    /// proxied calls with the same method, path, query, body and headers.
    pub async fn history_replay(&self, id: i64) -> Result<HistoryReplay> {
        let original = self.history.get(id).await?;
        let body = self.history.body(id, BodyPart::Request).await?;
        let client = self.client(&original.row.env_id).await?;
        let run = format!("replay-{:016x}", rand::random::<u64>());
        let is_execute = original.url.contains("/api/v1/execute_tool");
        let outcome =
            match original.row.kind {
                HistoryKind::Tool if is_execute => {
                    refuse_masked(&body)?;
                    let req: ExecuteToolRequest = serde_json::from_slice(&body).map_err(|e| {
                        cannot_replay(&format!("The stored tool request is not readable ({e})."))
                    })?;
                    run_tag::with_run(run.clone(), client.execute_tool(&req))
                        .await
                        .map(|_| ())
                }
                HistoryKind::Proxy => {
                    refuse_masked(&body)?;
                    let req = proxy_request(&original, body)?;
                    run_tag::with_run(run.clone(), client.proxy(&req))
                        .await
                        .map(|_| ())
                }
                _ => return Err(cannot_replay(
                    "Replay is for tool runs and proxied calls; copy this entry as cURL instead.",
                )),
            };
        let rows = self.history.for_run(&run).await?;
        let Some(last) = rows.iter().rev().find(|r| r.kind == original.row.kind) else {
            // Nothing reached the wire (e.g. the token request failed): say why.
            outcome?;
            return Err(Error::NotFound("The replay sent no request.".into()));
        };
        let replayed = self.history.get(last.id).await?;
        let old = self.history.body(id, BodyPart::Response).await?;
        let new = self.history.body(last.id, BodyPart::Response).await?;
        // Every run gets a new execution id: not a difference in what the tool answered.
        let ignored: Vec<String> = if is_execute {
            vec!["/execution_id".into()]
        } else {
            Vec::new()
        };
        let ignore: Vec<&str> = ignored.iter().map(String::as_str).collect();
        let changes = match (
            serde_json::from_slice::<serde_json::Value>(&old),
            serde_json::from_slice::<serde_json::Value>(&new),
        ) {
            (Ok(a), Ok(b)) => diff::diff(&a, &b, &ignore),
            _ if old == new => Vec::new(),
            _ => diff::diff(
                &serde_json::Value::String(String::from_utf8_lossy(&old).into_owned()),
                &serde_json::Value::String(String::from_utf8_lossy(&new).into_owned()),
                &[],
            ),
        };
        Ok(HistoryReplay {
            original,
            replayed,
            changes,
            ignored,
        })
    }
}

/// The proxied request an entry recorded.
fn proxy_request(e: &HistoryEntry, body: Vec<u8>) -> Result<ProxyRequest> {
    let url =
        url::Url::parse(&e.url).map_err(|_| cannot_replay("The stored URL is not readable."))?;
    let path = url.path().strip_prefix("/proxy").unwrap_or(url.path());
    let headers: Vec<(String, String)> = e
        .request_headers
        .iter()
        .filter(|h| !client_header(&h.name) && !h.value.contains(MASK))
        .filter(|h| !h.name.eq_ignore_ascii_case("content-type"))
        .map(|h| (h.name.clone(), h.value.clone()))
        .collect();
    let content_type = e.request_body.content_type.clone();
    Ok(ProxyRequest {
        connection_name: e.row.connection.clone().unwrap_or_default(),
        identifier: e.row.identifier.clone().unwrap_or_default(),
        method: e.row.method.clone(),
        path: if path.is_empty() {
            "/".into()
        } else {
            path.to_string()
        },
        query: url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
        headers,
        body: match (body.is_empty(), content_type) {
            (true, _) => ProxyBody::None,
            (false, ct) => ProxyBody::Raw {
                content_type: ct.unwrap_or_else(|| "application/octet-stream".into()),
                bytes: body,
            },
        },
    })
}
