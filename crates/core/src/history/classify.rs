//! From an observed exchange to a history record: its kind from the URL path, and the tool,
//! identifier, connection and account it was about, from the request body, headers and query.

use agentkit::Exchange;
use serde_json::Value;
use url::Url;

use super::model::{HistoryKind, StatusClass};

/// Bodies over this size are kept up to it, with their real size noted.
pub const MAX_BODY: usize = 50 * 1024 * 1024;

/// One exchange ready to be written: classified, tagged, redacted (by the client's Redactor).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub at_ms: i64,
    pub env_id: String,
    pub run_id: Option<String>,
    pub kind: HistoryKind,
    pub method: String,
    pub url: String,
    pub path: String,
    pub tool_name: Option<String>,
    pub identifier: Option<String>,
    pub connection: Option<String>,
    pub account_id: Option<String>,
    pub status: Option<u16>,
    pub status_class: StatusClass,
    pub error: Option<String>,
    pub duration_ms: f64,
    pub attempt: u32,
    pub request_headers: Vec<(String, String)>,
    pub response_headers: Vec<(String, String)>,
    pub request_size: u64,
    pub response_size: u64,
    pub request_body: Vec<u8>,
    pub response_body: Vec<u8>,
}

/// The kind of a call to `path` (the URL path, without query): a tool run is an
/// `execute_tool`; listing tools or MCP configs is management, like any other control-plane
/// call; `mcp` is a call to an MCP server itself.
pub fn kind_of(path: &str) -> HistoryKind {
    if path == "/oauth/token" {
        HistoryKind::Token
    } else if path == "/proxy" || path.starts_with("/proxy/") {
        HistoryKind::Proxy
    } else if path == "/api/v1/execute_tool" {
        HistoryKind::Tool
    } else if path.starts_with("/mcp/") {
        HistoryKind::Mcp
    } else {
        HistoryKind::Management
    }
}

/// The first non-empty string among `keys` of a JSON object.
fn field(value: Option<&Value>, keys: &[&str]) -> Option<String> {
    let obj = value?.as_object()?;
    keys.iter()
        .filter_map(|k| obj.get(*k).and_then(Value::as_str))
        .map(str::trim)
        .find(|s| !s.is_empty() && *s != agentkit_wire::redact::MASK)
        .map(str::to_string)
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A body cut to [`MAX_BODY`], with its real size.
fn keep(body: Option<&Vec<u8>>) -> (Vec<u8>, u64) {
    match body {
        None => (Vec::new(), 0),
        Some(b) => (b[..b.len().min(MAX_BODY)].to_vec(), b.len() as u64),
    }
}

/// The magic-link request carries the app's authorization `state`, which completes a pending
/// authorization when a link comes back (the app itself keeps only its SHA-256). The shared
/// policy leaves JSON `state` fields alone, since elsewhere they are ordinary data (an issue's
/// state), so the history masks this one.
fn mask_state(body: Vec<u8>) -> Vec<u8> {
    let Ok(Value::Object(mut map)) = serde_json::from_slice::<Value>(&body) else {
        return body;
    };
    match map.get_mut("state") {
        Some(v @ Value::String(_)) => *v = Value::String(agentkit_wire::redact::MASK.into()),
        _ => return body,
    }
    serde_json::to_vec(&Value::Object(map)).unwrap_or(body)
}

/// Classifies `x`, made by a client of `env_id` within `run_id`.
pub fn record(
    x: &Exchange,
    env_id: &str,
    run_id: Option<String>,
    redactor: &agentkit_wire::redact::Redactor,
) -> Record {
    let parsed = Url::parse(&x.url).ok();
    let url_path = parsed
        .as_ref()
        .map(|u| u.path().to_string())
        .unwrap_or_default();
    let path = match parsed.as_ref().and_then(Url::query) {
        Some(q) => format!("{url_path}?{q}"),
        None => url_path.clone(),
    };
    let kind = kind_of(&url_path);
    let query: Value = parsed
        .as_ref()
        .map(|u| {
            Value::Object(
                u.query_pairs()
                    .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                    .collect(),
            )
        })
        .unwrap_or(Value::Null);
    // Only JSON bodies name tools and accounts; a large body is not parsed for that.
    let request_json: Option<Value> = x
        .request_body
        .as_deref()
        .filter(|b| b.len() <= 1024 * 1024 && b.first() == Some(&b'{'))
        .and_then(|b| serde_json::from_slice(b).ok());
    let sources = [request_json.as_ref(), Some(&query)];
    let pick = |keys: &[&str]| sources.iter().find_map(|s| field(*s, keys));

    let (tool_name, mut identifier, mut connection, mut account_id) = match kind {
        HistoryKind::Proxy => (
            None,
            header(&x.request_headers, "identifier"),
            header(&x.request_headers, "connection_name"),
            None,
        ),
        _ => (
            pick(&["tool_name", "toolName"]),
            pick(&["identifier", "filter.identifier"]),
            pick(&[
                "connector",
                "connection_name",
                "connection",
                "filter.connector",
            ]),
            pick(&["connected_account_id", "connectedAccountId"]),
        ),
    };
    let about_accounts = url_path.starts_with("/api/v1/connected_accounts");
    if about_accounts && account_id.is_none() {
        account_id = pick(&["id"]);
    }
    if about_accounts
        && x.response_body
            .as_ref()
            .is_some_and(|b| b.len() <= 64 * 1024)
    {
        // A create or lookup by identifier answers the account: its id ties the entry to it.
        let answer: Option<Value> = x
            .response_body
            .as_deref()
            .and_then(|b| serde_json::from_slice(b).ok());
        if let Some(account) = answer.as_ref().and_then(|a| a.get("connected_account")) {
            account_id = account_id.or_else(|| field(Some(account), &["id"]));
            identifier = identifier.or_else(|| field(Some(account), &["identifier"]));
            connection = connection.or_else(|| field(Some(account), &["connector"]));
        }
    }

    let (mut request_body, request_size) = keep(x.request_body.as_ref());
    if url_path.ends_with("/connected_accounts/magic_link") {
        request_body = mask_state(request_body);
    }
    let (response_body, response_size) = keep(x.response_body.as_ref());
    Record {
        at_ms: chrono::Utc::now().timestamp_millis(),
        env_id: env_id.to_string(),
        run_id,
        kind,
        method: x.method.clone(),
        url: x.url.clone(),
        path,
        tool_name,
        identifier,
        connection,
        account_id,
        status: x.status,
        status_class: StatusClass::of(x.status),
        // The client already redacted it; a second pass costs nothing and covers any error
        // text built elsewhere.
        error: x.error.as_deref().map(|e| redactor.redact_text(e)),
        duration_ms: x.duration.as_secs_f64() * 1000.0,
        attempt: x.attempt,
        request_headers: x.request_headers.clone(),
        response_headers: x.response_headers.clone(),
        request_size,
        response_size,
        request_body,
        response_body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn exchange(method: &str, url: &str, body: Option<&str>) -> Exchange {
        Exchange {
            method: method.into(),
            url: url.into(),
            request_headers: vec![("identifier".into(), "a@b.c".into())],
            request_body: body.map(|b| b.as_bytes().to_vec()),
            status: Some(200),
            response_headers: vec![],
            response_body: Some(br#"{"ok":true}"#.to_vec()),
            duration: Duration::from_millis(12),
            error: None,
            attempt: 1,
        }
    }

    #[test]
    fn kinds_and_fields_come_from_path_body_and_headers() {
        let r = agentkit_wire::redact::Redactor::new();
        let x = exchange(
            "POST",
            "http://h/api/v1/execute_tool",
            Some(r#"{"tool_name":"gmail_send","identifier":"u1","connector":"gmail","params":{}}"#),
        );
        let rec = record(&x, "env", Some("run".into()), &r);
        assert_eq!(rec.kind, HistoryKind::Tool);
        assert_eq!(rec.tool_name.as_deref(), Some("gmail_send"));
        assert_eq!(rec.identifier.as_deref(), Some("u1"));
        assert_eq!(rec.connection.as_deref(), Some("gmail"));
        assert_eq!(rec.run_id.as_deref(), Some("run"));

        let mut x = exchange("GET", "http://h/proxy/gmail/v1/me?x=1", None);
        x.request_headers
            .push(("connection_name".into(), "gmail".into()));
        let rec = record(&x, "env", None, &r);
        assert_eq!(rec.kind, HistoryKind::Proxy);
        assert_eq!(rec.path, "/proxy/gmail/v1/me?x=1");
        assert_eq!(rec.identifier.as_deref(), Some("a@b.c"));
        assert_eq!(rec.connection.as_deref(), Some("gmail"));

        let x = exchange(
            "GET",
            "http://h/api/v1/connected_accounts/auth?id=ca_1",
            None,
        );
        let rec = record(&x, "env", None, &r);
        assert_eq!(rec.kind, HistoryKind::Management);
        assert_eq!(rec.account_id.as_deref(), Some("ca_1"));

        let x = exchange(
            "POST",
            "http://h/api/v1/connected_accounts/magic_link",
            Some(r#"{"id":"ca_1","state":"s3cr3t-state-value"}"#),
        );
        let rec = record(&x, "env", None, &r);
        assert_eq!(rec.request_body, br#"{"id":"ca_1","state":"****"}"#);
        assert_eq!(rec.account_id.as_deref(), Some("ca_1"));

        assert_eq!(kind_of("/oauth/token"), HistoryKind::Token);
        assert_eq!(kind_of("/api/v1/mcp/instances"), HistoryKind::Management);
        assert_eq!(kind_of("/mcp/mcpi_1/abc"), HistoryKind::Mcp);
        assert_eq!(kind_of("/api/v1/tools:search"), HistoryKind::Management);
        assert_eq!(kind_of("/api/v1/execute_tool"), HistoryKind::Tool);
    }
}
