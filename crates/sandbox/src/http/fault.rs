//! Applying the fault engine's decision to one request. Called by the handlers themselves,
//! after authentication and routing (see the `faults` module docs for which routes).

use super::ApiError;
use crate::faults::Outcome;
use crate::state::AppState;
use agentkit_wire::Code;
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, Method};
use axum::response::{IntoResponse, Response};

/// Marks a response produced by a fault, so the journal can say which.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Injected(pub &'static str);

/// Waits out the injected latency, then answers with the injected failure if there is one
/// (`None`: handle the request normally).
pub(crate) async fn inject(state: &AppState, method: &Method, path: &str) -> Option<Response> {
    let decision = state.faults.decide(method.as_str(), path);
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    let (mut response, name) = match decision.outcome? {
        Outcome::Drop => (dropped(), "drop"),
        Outcome::RateLimited { retry_after_secs } => {
            let err = ApiError::new(
                Code::ResourceExhausted,
                "RATE_LIMITED",
                "rate limit exceeded (Sandbox fault injection)",
            )
            .with_header(header::RETRY_AFTER, retry_after_secs.to_string());
            (err.into_response(), "rate_limit")
        }
        Outcome::Error { status: 503 } => {
            let err = ApiError::new(
                Code::Unavailable,
                "UNAVAILABLE",
                "service unavailable (Sandbox fault injection)",
            );
            (err.into_response(), "error")
        }
        Outcome::Error { .. } => {
            let err = ApiError::new(
                Code::Internal,
                "INTERNAL_ERROR",
                "internal error (Sandbox fault injection)",
            );
            (err.into_response(), "error")
        }
    };
    response.extensions_mut().insert(Injected(name));
    Some(response)
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
