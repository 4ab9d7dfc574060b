//! What is checked before a request body is read, so that a request that will be refused
//! costs no memory whatever it sends: the route (`/api/v1/*`: 404/501; an MCP instance URL:
//! 404), the bearer token (`/api/v1/*`, `/proxy/*`, `/_sandbox/*`: 401) and a declared
//! `Content-Length` over the route's limit (413).
//!
//! A refused request's body is then **drained, not buffered**: a task reads and discards it
//! (at most [`DRAIN_MAX_BYTES`] within [`DRAIN_MAX_TIME`]) while the answer goes out, so a
//! client still sending sees the answer instead of a reset connection (closing a socket with
//! unread data makes the kernel send RST, which can destroy the answer in flight). A client
//! that sent `Expect: 100-continue` has sent no body yet: it gets the answer without a
//! `100 Continue`, and nothing is drained. Past either bound the connection is closed.

use super::limits::{too_large, RouteKind};
use super::{dispatch, require_bearer, ApiError};
use crate::state::AppState;
use agentkit_wire::Code;
use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;
use std::time::Duration;

/// The most bytes of a refused request's body that are read (and discarded).
pub(super) const DRAIN_MAX_BYTES: u64 = 16 * 1024 * 1024;
/// The longest a refused request's body is read for.
pub(super) const DRAIN_MAX_TIME: Duration = Duration::from_secs(30);

/// The answer to a request refused on its head alone, if it is.
pub(super) fn refusal(state: &AppState, kind: RouteKind, parts: &Parts) -> Option<Response> {
    let path = parts.uri.path();
    let checked = match kind {
        RouteKind::Api => dispatch::resolve(&parts.method, path)
            .map(|_| ())
            .and_then(|()| require_bearer(state, &parts.headers)),
        RouteKind::Proxy | RouteKind::Admin => require_bearer(state, &parts.headers),
        RouteKind::Mcp => {
            let token = path.strip_prefix("/mcp/v1/").unwrap_or_default();
            match state.store.read().instance_by_token(token) {
                Some(_) => Ok(()),
                None => Err(ApiError::gateway(Code::NotFound, "Not Found")),
            }
        }
        RouteKind::Token | RouteKind::Consent => Ok(()),
    };
    if let Err(e) = checked {
        return Some(e.into_response());
    }
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    declared
        .is_some_and(|n| n > kind.body_limit() as u64)
        .then(|| too_large(kind))
}

/// Gets rid of the body of a refused request without buffering it (see the module docs).
pub(super) fn discard(headers: &HeaderMap, body: Body) {
    let expects_continue = headers
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    if expects_continue {
        return;
    }
    tokio::spawn(async move {
        let mut stream = body.into_data_stream();
        let mut read = 0u64;
        let drained = tokio::time::timeout(DRAIN_MAX_TIME, async {
            while let Some(Ok(chunk)) = stream.next().await {
                read += chunk.len() as u64;
                if read > DRAIN_MAX_BYTES {
                    return false;
                }
            }
            true
        })
        .await;
        if drained != Ok(true) {
            tracing::debug!("closing a refused request after {read} unread body bytes");
        }
    });
}
