//! The middleware around every route: the checks made on a request's head (see [`super::gate`]),
//! body limits (see [`super::limits`]), the 405 shape and the journal. `/_sandbox/*` is not
//! journaled. Faults are not applied here but by the handlers, after authentication and
//! routing (see the `faults` module). With a data file, a request that changed the store is
//! answered only once the change is committed (see `state::persist`).

use super::fault::Injected;
use super::gate;
use super::limits::{read_body, shape_405, RouteKind};
use super::ApiError;
use crate::journal::{Journal, RawEntry};
use crate::state::{persist, AppState};
use agentkit_wire::Code;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Instant;

pub(super) async fn observe(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let kind = RouteKind::of(request.uri().path());
    let started = Instant::now();
    let time = chrono::Utc::now();
    let (parts, body) = request.into_parts();
    let method = parts.method.clone();
    let uri = parts.uri.clone();
    let request_headers = parts.headers.clone();
    let (body, response) = match gate::refusal(&state, kind, &parts) {
        Some(refused) => {
            gate::discard(&parts.headers, body);
            (Bytes::new(), refused)
        }
        None => match read_body(body, kind).await {
            Err(refused) => (Bytes::new(), refused),
            Ok(body) => {
                let request = Request::from_parts(parts, Body::from(body.clone()));
                let (response, ticket) = persist::tracking(next.run(request)).await;
                (body, durable(&state, ticket, shape_405(response)).await)
            }
        },
    };
    if kind == RouteKind::Admin {
        return response;
    }
    let fault = response.extensions().get::<Injected>().map(|i| i.0);
    let streamed = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
    let (response, response_body) = if fault == Some("drop") || streamed {
        (response, None)
    } else {
        let (rparts, rbody) = response.into_parts();
        match axum::body::to_bytes(rbody, usize::MAX).await {
            Ok(bytes) => (
                Response::from_parts(rparts, Body::from(bytes.clone())),
                Some(bytes),
            ),
            Err(_) => (
                Response::from_parts(rparts, Body::empty()),
                Some(Bytes::new()),
            ),
        }
    };
    let entry = RawEntry {
        time,
        method,
        uri,
        request_headers,
        request_body: body,
        status: if fault == Some("drop") {
            0
        } else {
            response.status().as_u16()
        },
        response_headers: response.headers().clone(),
        response_body,
        duration: started.elapsed(),
        fault,
    };
    if Journal::is_heavy(&entry) {
        // Redacting a body of megabytes is CPU work: not on the async workers.
        let state = state.clone();
        let _ = tokio::task::spawn_blocking(move || state.journal.push(entry)).await;
    } else {
        state.journal.push(entry);
    }
    response
}

/// `response` once the writes of its request (up to `ticket`) are committed to the data file;
/// a 500 saying so if that failed (the change is in memory, not on disk).
async fn durable(state: &AppState, ticket: u64, response: Response) -> Response {
    let Some(p) = state.persist.as_ref().filter(|_| ticket > 0) else {
        return response;
    };
    match p.committed(ticket).await {
        Ok(()) => response,
        Err(e) => ApiError::gateway(
            Code::Internal,
            &format!(
                "the change was made but could not be saved to the data file, so it may be \
                 lost if the Sandbox stops before a later save succeeds: {e}"
            ),
        )
        .into_response(),
    }
}
