//! The history's IPC types: entries, filters, pages, bodies.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an exchange was, judged by its URL path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "HistoryKind.ts")]
pub enum HistoryKind {
    /// `/api/v1/execute_tool` and the tool catalog calls.
    Tool,
    /// `/proxy/…`.
    Proxy,
    /// MCP configs, instances and session tokens (`/api/v1/mcp/…`, `/mcp/…`).
    Mcp,
    /// Every other API call (connections, accounts, providers, …).
    Management,
    /// `/oauth/token`.
    Token,
}

impl HistoryKind {
    /// The name stored in the database and used over IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tool => "tool",
            Self::Proxy => "proxy",
            Self::Mcp => "mcp",
            Self::Management => "management",
            Self::Token => "token",
        }
    }

    /// The kind stored as `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "tool" => Self::Tool,
            "proxy" => Self::Proxy,
            "mcp" => Self::Mcp,
            "management" => Self::Management,
            "token" => Self::Token,
            _ => return None,
        })
    }
}

/// The outcome class of an exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "StatusClass.ts")]
pub enum StatusClass {
    /// 2xx.
    #[serde(rename = "2xx")]
    Success,
    /// 3xx.
    #[serde(rename = "3xx")]
    Redirect,
    /// 4xx.
    #[serde(rename = "4xx")]
    ClientError,
    /// 5xx.
    #[serde(rename = "5xx")]
    ServerError,
    /// No answer arrived (connection refused, timeout, …).
    #[serde(rename = "error")]
    Error,
}

impl StatusClass {
    /// The class of `status` (`None`: no answer).
    pub fn of(status: Option<u16>) -> Self {
        match status {
            Some(200..=299) => Self::Success,
            Some(300..=399) => Self::Redirect,
            Some(400..=499) => Self::ClientError,
            Some(_) => Self::ServerError,
            None => Self::Error,
        }
    }

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "2xx",
            Self::Redirect => "3xx",
            Self::ClientError => "4xx",
            Self::ServerError => "5xx",
            Self::Error => "error",
        }
    }

    /// The class stored as `name`.
    pub fn parse(name: &str) -> Self {
        match name {
            "2xx" => Self::Success,
            "3xx" => Self::Redirect,
            "4xx" => Self::ClientError,
            "5xx" => Self::ServerError,
            _ => Self::Error,
        }
    }
}

/// Which entries to list. Every field narrows; all empty lists everything, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export_to = "HistoryFilter.ts")]
pub struct HistoryFilter {
    /// One environment.
    #[ts(optional)]
    pub env_id: Option<String>,
    /// One kind.
    #[ts(optional)]
    pub kind: Option<HistoryKind>,
    /// One status class.
    #[ts(optional)]
    pub status: Option<StatusClass>,
    /// One connected account by id (`ca_…`).
    #[ts(optional)]
    pub account_id: Option<String>,
    /// Runs of one tool (its exact name).
    #[ts(optional)]
    pub tool_name: Option<String>,
    /// The account's identifier (with `connection`, one account; alone, every connection).
    #[ts(optional)]
    pub identifier: Option<String>,
    /// The connection name, with `identifier`.
    #[ts(optional)]
    pub connection: Option<String>,
    /// Everything about one account: its id, or its identifier on its connection (tool runs
    /// and proxied calls name the account that way).
    #[ts(optional)]
    pub account: Option<AccountKey>,
    /// Entries at or after this time (RFC 3339).
    #[ts(optional)]
    pub since: Option<String>,
    /// Entries before this time (RFC 3339).
    #[ts(optional)]
    pub until: Option<String>,
    /// Full-text search over tool names, paths, identifiers and bodies (their first 64 KiB):
    /// letters and digits are matched as whole tokens, all must occur; other characters only
    /// separate them (`gmail_fetch_mails` finds `gmail`, `fetch` and `mails`).
    #[ts(optional)]
    pub q: Option<String>,
}

/// A connected account as the history knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export_to = "AccountKey.ts")]
pub struct AccountKey {
    /// `ca_…`.
    pub id: String,
    /// The account's identifier.
    pub identifier: String,
    /// Its connection name.
    pub connection: String,
}

/// One entry as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "HistoryRow.ts")]
pub struct HistoryRow {
    /// Increases with time.
    pub id: i64,
    /// When the answer arrived (RFC 3339, UTC, milliseconds).
    pub at: String,
    /// The environment the client belonged to.
    pub env_id: String,
    /// The user action it was part of, if any.
    pub run_id: Option<String>,
    /// What it was.
    pub kind: HistoryKind,
    /// HTTP method.
    pub method: String,
    /// Path and query, without the environment's origin.
    pub path: String,
    /// The tool run (execute_tool).
    pub tool_name: Option<String>,
    /// The account's identifier, when the request named one.
    pub identifier: Option<String>,
    /// The connection name, when the request named one.
    pub connection: Option<String>,
    /// The connected account id, when the request or answer named one.
    pub account_id: Option<String>,
    /// HTTP status; `null` when no answer arrived.
    pub status: Option<u16>,
    /// The status class.
    pub status_class: StatusClass,
    /// Why no answer arrived.
    pub error: Option<String>,
    /// From sending to the end of the answer.
    pub duration_ms: f64,
    /// 1, then 2, 3 … for retries.
    pub attempt: u32,
    /// Request body size as sent.
    pub request_size: u64,
    /// Response body size as received.
    pub response_size: u64,
}

/// A page of entries, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "HistoryPage.ts")]
pub struct HistoryPage {
    /// The entries.
    pub entries: Vec<HistoryRow>,
    /// Pass as `before` for the next (older) page; `null` at the end.
    pub next_before: Option<i64>,
}

/// One header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "HistoryHeader.ts")]
pub struct HistoryHeader {
    /// Name as sent.
    pub name: String,
    /// Value, redacted.
    pub value: String,
}

/// The start of a body, for showing at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "BodyPreview.ts")]
pub struct BodyPreview {
    /// The body's size as sent or received.
    pub size: u64,
    /// Bytes kept (less than `size` when it was over 50 MB).
    pub stored: u64,
    /// Up to the first 64 KiB as text (invalid UTF-8 replaced).
    pub text: String,
    /// Whether `text` is the whole stored body.
    pub complete: bool,
    /// Whether the body is not text (`text` is then a lossy rendering).
    pub binary: bool,
    /// The `content-type` header, if any.
    pub content_type: Option<String>,
}

/// A piece of a stored body, read in order from offset 0 until `next == stored`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "BodyChunk.ts")]
pub struct BodyChunk {
    /// The stored bytes from the asked offset up to `next`, as text (invalid UTF-8 replaced).
    /// Never ends inside a multi-byte character, so the pieces join into the whole text.
    pub text: String,
    /// Where the next piece starts; equal to `stored` on the last one.
    pub next: u64,
    /// Bytes kept for the whole body.
    pub stored: u64,
}

/// One entry in full, bodies as previews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "HistoryEntry.ts")]
pub struct HistoryEntry {
    /// What the list shows.
    pub row: HistoryRow,
    /// The full URL, redacted.
    pub url: String,
    /// Request headers, redacted.
    pub request_headers: Vec<HistoryHeader>,
    /// Response headers.
    pub response_headers: Vec<HistoryHeader>,
    /// The request body's start.
    pub request_body: BodyPreview,
    /// The response body's start.
    pub response_body: BodyPreview,
}

/// Which body of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "BodyPart.ts")]
pub enum BodyPart {
    /// What was sent.
    Request,
    /// What came back.
    Response,
}

impl BodyPart {
    /// The `part` column of `history_bodies`.
    pub fn index(self) -> i64 {
        match self {
            Self::Request => 0,
            Self::Response => 1,
        }
    }
}
