//! The middleware around every route: the checks made on a request's head (see [`super::gate`]),
//! body limits (see [`super::limits`]), the 405 shape and the journal. `/_sandbox/*` is not
//! journaled. Faults are not applied here but by the handlers, after authentication and
//! routing (see the `faults` module).

use super::fault::Injected;
use super::gate;
use super::limits::{read_body, shape_405, RouteKind};
use crate::journal::{Journal, RawEntry};
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
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
    let (body, response) = match gate::check(&state, kind, &parts) {
        Err(refused) => {
            gate::discard(&parts.headers, body);
            (Bytes::new(), refused)
        }
        Ok(()) => match read_body(body, kind).await {
            Err(refused) => (Bytes::new(), refused),
            Ok(body) => {
                let request = Request::from_parts(parts, Body::from(body.clone()));
                (body, shape_405(next.run(request).await))
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
