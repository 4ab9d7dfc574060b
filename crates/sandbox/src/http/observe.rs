//! The middleware around every route: fault injection and the journal. `/_sandbox/*` is
//! neither faulted nor journaled; consent pages are journaled but never faulted, so a test can
//! break the API without breaking the browser half of a magic-link flow.

use crate::faults::Outcome;
use crate::journal::RawEntry;
use crate::state::AppState;
use agentkit_wire::Code;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Instant;

use super::ApiError;

/// Bodies larger than this are answered 413 rather than buffered.
const BODY_LIMIT: usize = 8 * 1024 * 1024;

pub(super) async fn observe(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if path.starts_with("/_sandbox/") || path == "/_sandbox" {
        return next.run(request).await;
    }
    let faultable = !path.starts_with("/magic/");
    let started = Instant::now();
    let time = chrono::Utc::now();
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return (axum::http::StatusCode::PAYLOAD_TOO_LARGE, "body too large").into_response()
        }
    };
    let decision = if faultable {
        state.faults.decide(parts.method.as_str(), parts.uri.path())
    } else {
        Default::default()
    };
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    let method = parts.method.clone();
    let uri = parts.uri.clone();
    let request_headers = parts.headers.clone();
    let (response, fault) = match decision.outcome {
        None => (
            next.run(Request::from_parts(parts, Body::from(body.clone())))
                .await,
            None,
        ),
        Some(Outcome::Drop) => (dropped(), Some("drop")),
        Some(Outcome::RateLimited { retry_after_secs }) => {
            let err = ApiError::new(
                Code::ResourceExhausted,
                "RATE_LIMITED",
                "rate limit exceeded (Sandbox fault injection)",
            )
            .with_header(header::RETRY_AFTER, retry_after_secs.to_string());
            (err.into_response(), Some("rate_limit"))
        }
        Some(Outcome::Error { status }) => {
            let err = if status == 503 {
                ApiError::new(
                    Code::Unavailable,
                    "UNAVAILABLE",
                    "service unavailable (Sandbox fault injection)",
                )
            } else {
                ApiError::new(
                    Code::Internal,
                    "INTERNAL_ERROR",
                    "internal error (Sandbox fault injection)",
                )
            };
            (err.into_response(), Some("error"))
        }
    };
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
    state.journal.push(RawEntry {
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
    });
    response
}

/// A response whose body fails before its first byte: hyper then closes the connection
/// without writing the head, which a client sees as a dropped connection.
fn dropped() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other(
            "connection dropped by fault injection",
        ))
    });
    let mut response = Response::new(Body::from_stream(stream));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
