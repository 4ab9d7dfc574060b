//! A tool run: whom it runs for, what comes back, and errors in plain words.

use agentkit::wire::tools::ExecuteToolRequest;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::model::text;
use crate::{Error, ErrorKind, FieldError, IpcError, Result};

/// The account a tool runs as: a connected account by id, or an identifier on a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "RunTarget.ts")]
pub struct RunTarget {
    /// `ca_…`; when set, `identifier` and `connection` are not used.
    pub account_id: Option<String>,
    /// The user's identifier (an email, a user id).
    pub identifier: Option<String>,
    /// Connection name (`key_id`).
    pub connection: Option<String>,
}

/// What the runner sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "ToolRunInput.ts")]
pub struct ToolRunInput {
    /// Chosen by the UI so it can cancel the run while it is in flight (`cancel_run`);
    /// generated when null. Letters, digits, `-` and `_`, at most 64.
    pub run_id: Option<String>,
    /// The tool.
    pub tool_name: String,
    /// Whom it runs for.
    pub target: RunTarget,
    /// The tool's input, checked against its `input_schema` before sending.
    pub params: Value,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "RunOutcome.ts")]
pub enum RunOutcome {
    /// An answer came back (for a tool: data; for the proxy: any HTTP status).
    Ok,
    /// The call failed; `error` says how.
    Error,
    /// The user cancelled it while in flight.
    Cancelled,
}

/// What a run gives back, whatever the outcome: the history ties its exchanges to `run_id`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "ToolRunResult.ts")]
pub struct ToolRunResult {
    /// The run (the history's key for it).
    pub run_id: String,
    /// The tool.
    pub tool_name: String,
    /// How it ended.
    pub outcome: RunOutcome,
    /// The HTTP status of the answer (absent when none came).
    pub status: Option<u16>,
    /// From sending to the answer, in milliseconds.
    pub duration_ms: f64,
    /// Bytes of `data` as JSON.
    pub size: u32,
    /// The tool run's id (also on most failures).
    pub execution_id: Option<String>,
    /// The tool's answer.
    pub data: Option<Value>,
    /// The failure, with its detail (`tool_error_code`, status, …).
    pub error: Option<IpcError>,
    /// The failure in plain words ("Rate limited: …", "Tool error (provider code 500): …").
    pub error_summary: Option<String>,
}

/// A run id the UI chose, or a fresh one: `run_` then the time and randomness in hex, so ids
/// sort by start.
pub fn run_id(chosen: Option<&str>) -> Result<String> {
    match text(chosen) {
        Some(id) => {
            let ok = id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if ok {
                Ok(id)
            } else {
                Err(Error::invalid(
                    "run_id",
                    "A run id is at most 64 letters, digits, '-' or '_'.",
                ))
            }
        }
        None => Ok(format!(
            "run_{:012x}{:016x}",
            chrono::Utc::now().timestamp_millis(),
            rand::random::<u64>()
        )),
    }
}

impl ToolRunInput {
    /// The request, with the target checked (one field error per missing part) and the tool
    /// name present. `params` is checked against the schema elsewhere.
    pub fn to_request(&self) -> Result<ExecuteToolRequest> {
        let mut errors = Vec::new();
        let tool = text(Some(&self.tool_name));
        if tool.is_none() {
            errors.push(FieldError::new("tool_name", "Choose a tool."));
        }
        let t = &self.target;
        let account = text(t.account_id.as_deref());
        let identifier = text(t.identifier.as_deref());
        let connection = text(t.connection.as_deref());
        match (&account, &identifier, &connection) {
            (Some(id), _, _) if !id.starts_with("ca_") || id.len() > 100 => errors.push(
                FieldError::new("target.account_id", "An account id looks like ca_…."),
            ),
            (Some(_), _, _) | (None, Some(_), Some(_)) => {}
            (None, None, _) => errors.push(FieldError::new(
                "target.identifier",
                "Give the user's identifier (or pick a connected account).",
            )),
            (None, Some(_), None) => errors.push(FieldError::new(
                "target.connection",
                "Choose the connection the tool runs on.",
            )),
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let params = match &self.params {
            Value::Object(map) => map.clone(),
            Value::Null => Default::default(),
            _ => return Err(Error::invalid("", "A tool's input is a JSON object.")),
        };
        Ok(ExecuteToolRequest {
            tool_name: tool.unwrap_or_default(),
            identifier: account.is_none().then_some(identifier).flatten(),
            connector: account.is_none().then_some(connection).flatten(),
            connected_account_id: account,
            params: Some(params),
            ..Default::default()
        })
    }
}

/// A kind in plain words, for the runner's status line.
pub fn plain_kind(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Validation => "Rejected as invalid",
        ErrorKind::NotFound => "Not found",
        ErrorKind::Conflict => "Conflict",
        ErrorKind::Unauthorized => "Unauthorized",
        ErrorKind::Forbidden => "Forbidden",
        ErrorKind::RateLimited => "Rate limited",
        ErrorKind::Timeout => "Timed out",
        ErrorKind::Network => "Network error",
        ErrorKind::Server => "Server error",
        ErrorKind::Unavailable => "Service unavailable",
        ErrorKind::Tool => "Tool error",
        ErrorKind::Decode => "Unreadable answer",
        ErrorKind::Cancelled => "Cancelled",
        ErrorKind::Config
        | ErrorKind::SecretStoreUnavailable
        | ErrorKind::SecretMissing
        | ErrorKind::SecretStore => "Environment not usable",
        ErrorKind::Sandbox => "Sandbox error",
        ErrorKind::Internal => "Internal error",
    }
}

/// "Tool error (provider code 500): message", "Rate limited: message".
pub fn summary(e: &IpcError) -> String {
    let code = e.detail.as_ref().and_then(|d| d.tool_error_code.as_deref());
    match code {
        Some(code) => format!(
            "{} (provider code {code}): {}",
            plain_kind(e.kind),
            e.message
        ),
        None => format!("{}: {}", plain_kind(e.kind), e.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn input(
        account: Option<&str>,
        identifier: Option<&str>,
        connection: Option<&str>,
    ) -> ToolRunInput {
        ToolRunInput {
            run_id: None,
            tool_name: "gmail_fetch_mails".into(),
            target: RunTarget {
                account_id: account.map(Into::into),
                identifier: identifier.map(Into::into),
                connection: connection.map(Into::into),
            },
            params: json!({"max_results": 1}),
        }
    }

    fn fields(e: Error) -> Vec<String> {
        match e {
            Error::Invalid(f) => f.into_iter().map(|f| f.field).collect(),
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn targets_are_an_account_or_identifier_and_connection() {
        let by_id = input(Some("ca_1"), Some("ignored"), None)
            .to_request()
            .unwrap();
        assert_eq!(by_id.connected_account_id.as_deref(), Some("ca_1"));
        assert_eq!(by_id.identifier, None);
        let by_key = input(None, Some("a@example.com"), Some("gmail"))
            .to_request()
            .unwrap();
        assert_eq!(by_key.connector.as_deref(), Some("gmail"));
        assert_eq!(by_key.params.unwrap()["max_results"], 1);
        assert_eq!(
            fields(input(None, None, None).to_request().unwrap_err()),
            ["target.identifier"]
        );
        assert_eq!(
            fields(input(None, Some("a"), Some(" ")).to_request().unwrap_err()),
            ["target.connection"]
        );
        assert_eq!(
            fields(input(Some("acct"), None, None).to_request().unwrap_err()),
            ["target.account_id"]
        );
    }

    #[test]
    fn run_ids_are_checked_or_made() {
        assert_eq!(run_id(Some("ui-123_x")).unwrap(), "ui-123_x");
        assert!(run_id(Some("no spaces")).is_err());
        let a = run_id(None).unwrap();
        assert!(a.starts_with("run_") && a.len() == 32, "{a}");
        assert_ne!(a, run_id(None).unwrap());
    }
}
