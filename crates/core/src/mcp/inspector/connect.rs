//! Connecting: the transport (streamable HTTP or HTTP+SSE, with the user's headers), the MCP
//! handshake and the first lists, each bounded by a timeout; and every failure turned into a
//! clear [`Error::Mcp`] with the URL masked. A wrong, revoked or deleted URL answers 404 at
//! once; nothing that hangs can keep the UI waiting longer than the timeouts here.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use rmcp::model::{ClientCapabilities, ClientConfig, Implementation};
use rmcp::service::{RoleClient, RunningService};
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::ServiceExt;

use super::log::{Logged, MessageLog};
use super::sse::SseTransport;
use super::types::McpTransportKind;
use crate::tools::KeyValue;
use crate::{Error, ErrorKind, Result};

/// Connecting to a host that does not answer.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The handshake and each list, once connected.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// The running client of a session.
pub type Client = RunningService<RoleClient, ClientConfig>;

fn mcp(kind: ErrorKind, message: String) -> Error {
    Error::Mcp { kind, message }
}

/// The server answered an HTTP error status.
pub fn status_error(target: &str, status: u16) -> Error {
    match status {
        404 | 410 => mcp(
            ErrorKind::NotFound,
            format!(
                "No MCP server at {target} (HTTP {status}): the URL is wrong, or the instance \
                 was deleted or its URL revoked."
            ),
        ),
        401 => mcp(
            ErrorKind::Unauthorized,
            format!("{target} wants credentials (HTTP 401): add an Authorization header."),
        ),
        403 => mcp(
            ErrorKind::Forbidden,
            format!("{target} refused the credentials given (HTTP 403)."),
        ),
        405 => mcp(
            ErrorKind::Validation,
            format!("{target} does not take this transport (HTTP 405): try the other one."),
        ),
        s if s >= 500 => mcp(
            ErrorKind::Server,
            format!("The MCP server at {target} failed (HTTP {s})."),
        ),
        s => mcp(
            ErrorKind::Validation,
            format!("{target} answered HTTP {s}, not MCP."),
        ),
    }
}

/// The server answered, but not as an MCP server would.
pub fn protocol_error(target: &str, what: &str) -> Error {
    mcp(
        ErrorKind::Decode,
        format!("{target} is not an MCP server we can talk to: {what}."),
    )
}

/// Nothing came back in time.
pub fn timeout_error(target: &str, after: Duration) -> Error {
    mcp(
        ErrorKind::Timeout,
        format!(
            "{target} did not answer within {} s.",
            after.as_secs_f64().round()
        ),
    )
}

/// A failure of the transport or the handshake, by its innermost known cause.
pub fn classify(target: &str, e: &(dyn std::error::Error + 'static)) -> Error {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut text = String::new();
    while let Some(c) = cause {
        if let Some(r) = c.downcast_ref::<reqwest::Error>() {
            if r.is_timeout() {
                return timeout_error(target, REQUEST_TIMEOUT);
            }
            if r.is_connect() {
                return mcp(
                    ErrorKind::Network,
                    format!("Could not connect to {target}: nothing answers there."),
                );
            }
            if let Some(s) = r.status() {
                return status_error(target, s.as_u16());
            }
        }
        text.push_str(&c.to_string());
        text.push(' ');
        cause = c.source();
    }
    // rmcp reports some statuses only in its messages ("HTTP 404: …", "404 Not Found").
    for status in [404u16, 410, 401, 403, 405] {
        if text.contains(&format!("HTTP {status}")) || text.contains(&format!("{status} ")) {
            return status_error(target, status);
        }
    }
    // rmcp wraps reqwest's error in its own, which does not expose it as a source.
    if [
        "error sending request",
        "Connection refused",
        "dns error",
        "connect",
    ]
    .iter()
    .any(|t| text.contains(t))
    {
        return mcp(
            ErrorKind::Network,
            format!("Could not connect to {target}: nothing answers there."),
        );
    }
    if text.contains("timed out") {
        return timeout_error(target, REQUEST_TIMEOUT);
    }
    // The last clause says what went wrong; the rest names rmcp's transport types.
    let last = text.trim().rsplit(" error: ").next().unwrap_or_default();
    let masked = agentkit::wire::redact::Redactor::new().redact_text(last);
    mcp(
        ErrorKind::Network,
        format!("The MCP handshake with {target} failed: {masked}"),
    )
}

/// The user's headers, checked (a bad name or value is a field error on `headers`).
pub fn header_map(headers: &[KeyValue]) -> Result<HeaderMap> {
    let mut map = HeaderMap::new();
    let mut fields = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let name = h.name.trim();
        if name.is_empty() && h.value.is_empty() {
            continue;
        }
        let parsed = HeaderName::from_bytes(name.as_bytes())
            .ok()
            .zip(HeaderValue::from_str(h.value.trim()).ok());
        match parsed {
            Some((n, v)) => {
                map.append(n, v);
            }
            None => fields.push(crate::FieldError::new(
                &format!("headers[{i}]"),
                format!("{name:?} is not a valid header name and value."),
            )),
        }
    }
    if fields.is_empty() {
        Ok(map)
    } else {
        Err(Error::Invalid(fields))
    }
}

/// An `http(s)://` URL, else a field error on `url`.
pub fn checked_url(url: &str) -> Result<reqwest::Url> {
    let parsed = reqwest::Url::parse(url.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    parsed.ok_or_else(|| Error::invalid("url", "Give an http:// or https:// URL."))
}

fn client_config() -> ClientConfig {
    ClientConfig::new(
        ClientCapabilities::default(),
        Implementation::new("kitbench-inspector", env!("CARGO_PKG_VERSION")),
    )
}

/// Connects and completes the MCP handshake; every message goes through `log`.
pub async fn connect(
    url: reqwest::Url,
    headers: HeaderMap,
    transport: McpTransportKind,
    log: Arc<MessageLog>,
    target: &str,
) -> Result<(Client, f64)> {
    let started = Instant::now();
    let http = reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .build()
        .map_err(|e| classify(target, &e))?;
    let client = match transport {
        McpTransportKind::StreamableHttp => {
            let custom: HashMap<HeaderName, HeaderValue> = headers
                .iter()
                .map(|(n, v)| (n.clone(), v.clone()))
                .collect();
            let config =
                StreamableHttpClientTransportConfig::with_uri(url.as_str()).custom_headers(custom);
            let t = StreamableHttpClientTransport::with_client(http, config);
            let serving = client_config().serve(Logged::new(t, log));
            tokio::time::timeout(REQUEST_TIMEOUT, serving)
                .await
                .map_err(|_| timeout_error(target, REQUEST_TIMEOUT))?
                .map_err(|e| classify(target, &e))?
        }
        McpTransportKind::Sse => {
            let t = SseTransport::connect(http, url, headers, REQUEST_TIMEOUT, target).await?;
            let serving = client_config().serve(Logged::new(t, log));
            tokio::time::timeout(REQUEST_TIMEOUT, serving)
                .await
                .map_err(|_| timeout_error(target, REQUEST_TIMEOUT))?
                .map_err(|e| classify(target, &e))?
        }
    };
    Ok((client, started.elapsed().as_secs_f64() * 1000.0))
}
