//! `ANY /proxy/{path}`: the authenticated proxy to a connection's upstream API. The Sandbox has
//! no upstream, so it answers as a synthetic upstream that echoes the request it would have
//! sent, showing where the credential would be injected but never the credential itself.

use super::execute::LAST_USED_RESOLUTION;
use super::now;
use crate::http::{inject, require_bearer, ApiError};
use crate::state::AppState;
use agentkit_wire::{ConnectorStatus, ConnectorType};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// Request header that makes the synthetic upstream answer with this status.
const UPSTREAM_STATUS_HEADER: &str = "x-sandbox-upstream-status";

/// Headers that are about the hop to the Sandbox, not the upstream call, or that carry
/// credentials.
fn hidden_header(name: &str) -> bool {
    matches!(
        name,
        "authorization"
            | "proxy-authorization"
            | "cookie"
            | "host"
            | "connection"
            | "content-length"
            | "connection_name"
            | "connection-name"
            | "identifier"
            | "transfer-encoding"
            | "keep-alive"
            | "upgrade"
            | "te"
            | "trailer"
    ) || name.starts_with("x-sandbox-")
}

/// The first of `names` that is present, trimmed; `None` when absent or blank. Values are
/// taken as UTF-8 (identifiers are free-form strings, as in the JSON API); bytes that are not
/// UTF-8 are a 400 that names the header, not "missing".
fn header_text<'a>(headers: &'a HeaderMap, names: &[&str]) -> Result<Option<&'a str>, ApiError> {
    let Some((name, value)) = names.iter().find_map(|n| headers.get(*n).map(|v| (*n, v))) else {
        return Ok(None);
    };
    let text = std::str::from_utf8(value.as_bytes()).map_err(|_| {
        ApiError::invalid(format!(
            "the {name} header is not valid UTF-8 (non-ASCII characters must be sent as \
             UTF-8; Latin-1 and other encodings are not accepted)"
        ))
    })?;
    Ok(Some(text.trim()).filter(|v| !v.is_empty()))
}

fn body_value(headers: &HeaderMap, body: &Bytes) -> Value {
    if body.is_empty() {
        return Value::Null;
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let mut map = Map::new();
        for (k, v) in url::form_urlencoded::parse(body) {
            map.insert(k.into_owned(), Value::String(v.into_owned()));
        }
        return Value::Object(map);
    }
    serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
}

/// How the credential would travel upstream for this kind of account.
fn credential(kind: &ConnectorType) -> Value {
    let (name, injected_as) = match kind {
        ConnectorType::ApiKey => ("api_key", "X-API-Key: ****"),
        ConnectorType::BasicAuth | ConnectorType::Basic => ("basic", "Authorization: Basic ****"),
        ConnectorType::BearerToken => ("bearer_token", "Authorization: Bearer ****"),
        ConnectorType::GoogleDwd => ("google_dwd", "Authorization: Bearer ****"),
        _ => ("oauth_token", "Authorization: Bearer ****"),
    };
    json!({"type": name, "injected_as": injected_as})
}

/// Handles every method on `/proxy/*`. Missing identity headers are 400, an unknown
/// connection or account 404, and an account that is not `ACTIVE` 400 FAILED_PRECONDITION
/// (as ExecuteTool answers; a 401 would make the Python SDK refresh its token and retry).
pub(crate) async fn handle(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(e) = require_bearer(&state, &headers) {
        return e.into_response();
    }
    if let Some(injected) = inject(&state, &method, uri.path()).await {
        return injected;
    }
    match answer(&state, &method, &uri, &headers, &body) {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

fn answer(
    state: &AppState,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Response, ApiError> {
    let connection = header_text(headers, &["connection_name", "connection-name"])?;
    let identifier = header_text(headers, &["identifier"])?;
    let (Some(connection), Some(identifier)) = (connection, identifier) else {
        return Err(ApiError::invalid(
            "the connection_name and identifier headers are required",
        ));
    };
    let upstream_status = match header_text(headers, &[UPSTREAM_STATUS_HEADER])? {
        None => StatusCode::OK,
        Some(text) => text
            .parse::<u16>()
            .ok()
            .filter(|s| (200..=599).contains(s))
            .and_then(|s| StatusCode::from_u16(s).ok())
            .ok_or_else(|| {
                ApiError::invalid(
                    "X-Sandbox-Upstream-Status must be an HTTP status from 200 to 599",
                )
            })?,
    };
    let connector = state
        .catalog
        .connector(connection)
        .ok_or_else(|| ApiError::not_found(format!("connection {connection:?} not found")))?;
    let (id, kind, stale) = {
        let store = state.store.read();
        let record = store
            .account_by_key(&connector.slug, identifier)
            .ok_or_else(|| ApiError::not_found("connected account not found"))?;
        if record.account.status != ConnectorStatus::Active {
            return Err(ApiError::precondition(format!(
                "account is not active (status {})",
                record.account.status
            )));
        }
        let stale = record
            .account
            .last_used_at
            .is_none_or(|t| now() - t >= LAST_USED_RESOLUTION);
        (
            record.account.id.clone(),
            record.account.authorization_type.clone(),
            stale,
        )
    };
    // Written (and so committed) at most once per resolution, not on every call.
    if stale {
        state.write(|store| {
            if let Some(record) = store.account_mut(&id) {
                record.account.last_used_at = Some(now());
            }
        });
    }
    let path = uri.path().strip_prefix("/proxy").unwrap_or_default();
    let path = if path.is_empty() { "/" } else { path };
    let mut query: Map<String, Value> = Map::new();
    for (k, v) in url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()) {
        let entry = query
            .entry(k.into_owned())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = entry {
            items.push(Value::String(v.into_owned()));
        }
    }
    let mut shown = Map::new();
    for (name, value) in headers {
        if !hidden_header(name.as_str()) {
            let v = String::from_utf8_lossy(value.as_bytes()).into_owned();
            shown.insert(name.as_str().to_string(), Value::String(v));
        }
    }
    let echo = json!({
        "method": method.as_str(),
        "path": path,
        "query": query,
        "headers": shown,
        "body": body_value(headers, body),
        "connection_name": connector.slug,
        "identifier": identifier,
        "provider": connector.slug,
        "credential": credential(&kind),
        "upstream_status": upstream_status.as_u16(),
    });
    let bytes = serde_json::to_vec(&echo).unwrap_or_default();
    Ok((
        upstream_status,
        [(header::CONTENT_TYPE, "application/json")],
        bytes,
    )
        .into_response())
}
